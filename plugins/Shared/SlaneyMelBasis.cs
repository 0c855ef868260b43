namespace MyXtts.Plugins.Shared;

/// <summary>
/// librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax) with htk=False and norm="slaney", librosa 0.11 (the defaults fmin 0, fmax sr/2 are Resemblyzer's)
/// arithmetic: triangles equally spaced on the Slaney mel scale (linear below 1 kHz, logarithmic above), each scaled by
/// 2 / bandwidth. A plugin cannot use the engine's copy (plugins reference Abstractions only), hence this one.
/// </summary>
internal static class SlaneyMelBasis
{
    private const double FSp = 200.0 / 3, MinLogHz = 1000.0, MinLogMel = MinLogHz / FSp;
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    /// <summary>The [nMels, nFft/2 + 1] basis, row-major, as librosa's float32 result.</summary>
    public static float[] Build(int sampleRate, int nFft, int nMels, double fMin = 0, double? fMax = null)
    {
        double top = fMax ?? sampleRate / 2.0;
        if (sampleRate <= 0 || nFft <= 0 || nMels <= 0 || !(fMin >= 0 && fMin < top && top <= sampleRate / 2.0))
            throw new ArgumentException(
                $"Mel basis needs positive sample_rate ({sampleRate}), n_fft ({nFft}) and n_mels ({nMels}) and " +
                $"0 <= fmin ({fMin}) < fmax ({top}) <= sample_rate/2.");
        int nFreq = nFft / 2 + 1;
        double[] melF = MelFrequencies(nMels + 2, fMin, top);
        var weights = new float[nMels * nFreq];
        for (int m = 0; m < nMels; m++)
        {
            double lowerWidth = melF[m + 1] - melF[m], upperWidth = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < nFreq; k++)
            {
                double hz = k * (sampleRate / (double)nFft);   // numpy.fft.rfftfreq
                double lower = -(melF[m] - hz) / lowerWidth, upper = (melF[m + 2] - hz) / upperWidth;
                // librosa keeps the triangle in float32 and scales it in place (float32 * float64 -> float32).
                float triangle = (float)Math.Max(0, Math.Min(lower, upper));
                weights[m * nFreq + k] = (float)(triangle * enorm);
            }
        }
        return weights;
    }

    private static double HzToMel(double hz) => hz >= MinLogHz ? MinLogMel + Math.Log(hz / MinLogHz) / LogStep : hz / FSp;

    private static double MelToHz(double mel) => mel >= MinLogMel ? MinLogHz * Math.Exp(LogStep * (mel - MinLogMel)) : FSp * mel;

    private static double[] MelFrequencies(int count, double fMin, double fMax)
    {
        // numpy.linspace(min_mel, max_mel, count): start + i * step, the last element exactly max_mel.
        double minMel = HzToMel(fMin), maxMel = HzToMel(fMax), step = (maxMel - minMel) / (count - 1);
        var hz = new double[count];
        for (int i = 0; i < count; i++) hz[i] = MelToHz(i == count - 1 ? maxMel : i * step + minMel);
        return hz;
    }
}
