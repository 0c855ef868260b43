namespace MyXtts.Core.Audio.Mel;

/// <summary>
/// librosa.filters.mel with htk=False and norm="slaney" (librosa 0.11 arithmetic, float32 result): triangles equally
/// spaced on the Slaney mel scale (linear below 1 kHz, logarithmic above), each scaled to unit area (2 / bandwidth).
/// </summary>
public static class SlaneyMelFilterbank
{
    private const double FSp = 200.0 / 3, MinLogHz = 1000.0, MinLogMel = MinLogHz / FSp;
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    /// <summary>The [nMels, nFft/2 + 1] basis, row-major; <paramref name="fMax"/> null means sampleRate / 2.</summary>
    public static float[] Build(int sampleRate, int nFft, int nMels, double fMin, double? fMax)
    {
        double top = fMax ?? sampleRate / 2.0;
        Validate(sampleRate, nFft, nMels, fMin, top);
        int nFreq = nFft / 2 + 1;
        double[] fftFreqs = FftFrequencies(sampleRate, nFft);
        double[] melF = MelFrequencies(nMels + 2, fMin, top);
        var weights = new float[nMels * nFreq];
        for (int m = 0; m < nMels; m++)
        {
            double lowerWidth = melF[m + 1] - melF[m], upperWidth = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < nFreq; k++)
            {
                double lower = -(melF[m] - fftFreqs[k]) / lowerWidth;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperWidth;
                // librosa stores the triangle as float32, then scales it in place (float32 * float64 -> float32).
                float triangle = (float)Math.Max(0, Math.Min(lower, upper));
                weights[m * nFreq + k] = (float)(triangle * enorm);
            }
        }
        return weights;
    }

    /// <summary>Slaney mel of a frequency in Hz.</summary>
    public static double HzToMel(double hz) => hz >= MinLogHz ? MinLogMel + Math.Log(hz / MinLogHz) / LogStep : hz / FSp;

    /// <summary>Frequency in Hz of a Slaney mel.</summary>
    public static double MelToHz(double mel) => mel >= MinLogMel ? MinLogHz * Math.Exp(LogStep * (mel - MinLogMel)) : FSp * mel;

    private static double[] FftFrequencies(int sampleRate, int nFft)
    {
        // numpy.fft.rfftfreq(n, d=1/sr): i * (1 / (n * d))
        double val = 1.0 / (nFft * (1.0 / sampleRate));
        var f = new double[nFft / 2 + 1];
        for (int i = 0; i < f.Length; i++) f[i] = i * val;
        return f;
    }

    private static double[] MelFrequencies(int count, double fMin, double fMax)
    {
        // numpy.linspace(min_mel, max_mel, count): start + i * step, last element exactly max_mel.
        double minMel = HzToMel(fMin), maxMel = HzToMel(fMax);
        double step = (maxMel - minMel) / (count - 1);
        var hz = new double[count];
        for (int i = 0; i < count; i++) hz[i] = MelToHz(i == count - 1 ? maxMel : i * step + minMel);
        return hz;
    }

    private static void Validate(int sampleRate, int nFft, int nMels, double fMin, double fMax)
    {
        if (sampleRate <= 0 || nFft <= 0 || nMels <= 0)
            throw new ArgumentException($"sample_rate ({sampleRate}), n_fft ({nFft}) and n_mels ({nMels}) must be positive.");
        if (!(fMin >= 0 && fMin < fMax && fMax <= sampleRate / 2.0))
            throw new ArgumentException(
                $"Mel band edges fmin={fMin} Hz and fmax={fMax} Hz must satisfy 0 <= fmin < fmax <= sample_rate/2 ({sampleRate / 2.0} Hz).");
    }
}
