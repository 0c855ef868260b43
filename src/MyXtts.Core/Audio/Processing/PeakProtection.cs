namespace MyXtts.Core.Audio.Processing;

/// <summary>Scales a clip down (never up) so that its absolute peak does not exceed a ceiling; no clipping, no change of shape.</summary>
public static class PeakProtection
{
    /// <summary>The default ceiling: 0.999 of full scale (about −0.01 dBFS), safe for 16-bit PCM.</summary>
    public const double DefaultCeiling = 0.999;

    /// <summary>Linear amplitude of a dBFS level (−1 dBFS → 0.891).</summary>
    public static double DbfsToLinear(double dbfs) => Math.Pow(10, dbfs / 20);

    /// <summary>Scales <paramref name="samples"/> in place when their peak exceeds <paramref name="ceiling"/>; returns the gain applied (≤ 1).</summary>
    public static double Apply(Span<float> samples, double ceiling = DefaultCeiling)
    {
        if (!(ceiling > 0 && ceiling <= 1))
            throw new ArgumentOutOfRangeException(nameof(ceiling), ceiling, "The peak ceiling must be in (0, 1] of full scale (e.g. 0.999, or DbfsToLinear(-1)).");
        float peak = 0;
        foreach (var v in samples) peak = Math.Max(peak, Math.Abs(v));
        if (peak <= ceiling) return 1;
        double gain = ceiling / peak;
        for (int i = 0; i < samples.Length; i++) samples[i] = (float)(samples[i] * gain);
        return gain;
    }
}
