namespace MyXtts.Core.Evaluation.Signal;

/// <summary>
/// Mel-cepstral distortion in dB between two utterances: frames aligned by <see cref="DynamicTimeWarping"/> on the
/// cepstral distance, then the mean over the path of 10/ln10 · sqrt(2 Σ_{n≥1} (c_n − c'_n)²). c_0 (overall level) is
/// excluded, so a louder or quieter copy of the same speech scores 0.
/// </summary>
public static class MelCepstralDistortion
{
    /// <summary>10 / ln 10 · sqrt(2).</summary>
    public static readonly double Constant = 10 / Math.Log(10) * Math.Sqrt(2);

    /// <summary>MCD in dB and the frame alignment, for cepstra [frames][c_0..c_N] (c_0 is ignored).</summary>
    public static (double Db, IReadOnlyList<(int A, int B)> Path) Compute(float[][] cepstraA, float[][] cepstraB)
    {
        var (path, cost) = DynamicTimeWarping.Align(cepstraA, cepstraB, FrameDistance);
        return (Constant * cost / path.Count, path);
    }

    /// <summary>sqrt(Σ_{n≥1} (a_n − b_n)²): the Euclidean distance without c_0.</summary>
    public static double FrameDistance(float[] a, float[] b)
    {
        double sum = 0;
        for (int n = 1; n < a.Length; n++)
        {
            double diff = a[n] - b[n];
            sum += diff * diff;
        }
        return Math.Sqrt(sum);
    }
}
