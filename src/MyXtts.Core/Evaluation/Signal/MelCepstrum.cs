namespace MyXtts.Core.Evaluation.Signal;

/// <summary>
/// Mel-frequency cepstra of the project's log-mel (natural log of HiFi-GAN mel magnitudes): a DCT-II over the mel
/// bands scaled by 1/M, c_n = (1/M) Σ_k L_k cos(π n (k + ½) / M), so that L(ω̃) ≈ c_0 + 2 Σ_{n≥1} c_n cos(n ω̃) on the mel
/// axis: the scale convention that the MCD constant 10/ln10 · sqrt(2 Σ Δc²) assumes. These are MFCC-style cepstra of a
/// filterbank (smoothed) spectrum, not SPTK mcep of an all-pass-warped spectrum, so MCD values are comparable between
/// MyXtts runs but only roughly with published numbers.
/// </summary>
public static class MelCepstrum
{
    /// <summary>Coefficients c_0..c_{count−1} of each frame of <paramref name="logMel"/> [frames][bands].</summary>
    public static float[][] FromLogMel(float[][] logMel, int count)
    {
        if (logMel.Length == 0) return [];
        int bands = logMel[0].Length;
        if (count < 2 || count > bands)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Use between 2 and {bands} cepstral coefficients for {bands} mel bands.");
        var basis = new double[count, bands];
        for (int n = 0; n < count; n++)
            for (int k = 0; k < bands; k++) basis[n, k] = Math.Cos(Math.PI * n * (k + 0.5) / bands) / bands;
        return logMel.Select(frame =>
        {
            var c = new float[count];
            for (int n = 0; n < count; n++)
            {
                double sum = 0;
                for (int k = 0; k < bands; k++) sum += basis[n, k] * frame[k];
                c[n] = (float)sum;
            }
            return c;
        }).ToArray();
    }
}
