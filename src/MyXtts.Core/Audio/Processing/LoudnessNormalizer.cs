namespace MyXtts.Core.Audio.Processing;

/// <summary>Applies one gain so a clip's BS.1770 integrated loudness reaches a target (e.g. −23 LUFS, EBU R128).</summary>
public static class LoudnessNormalizer
{
    /// <summary>
    /// Scales <paramref name="samples"/> in place to <paramref name="targetLufs"/> and returns the gain in dB, or null
    /// (samples untouched) when the loudness cannot be measured (shorter than 400 ms or silent). Follow it with
    /// <see cref="PeakProtection"/>: raising quiet speech can push peaks past full scale.
    /// </summary>
    public static double? Apply(Span<float> samples, int sampleRate, double targetLufs)
    {
        if (!(targetLufs < 0 && targetLufs > -70))
            throw new ArgumentOutOfRangeException(nameof(targetLufs), targetLufs, "Target loudness must be between -70 and 0 LUFS (typical: -23 to -16).");
        var measured = LoudnessMeter.IntegratedLufs(samples, sampleRate);
        if (measured is null) return null;
        double gainDb = targetLufs - measured.Value;
        float gain = (float)Math.Pow(10, gainDb / 20);
        for (int i = 0; i < samples.Length; i++) samples[i] *= gain;
        return gainDb;
    }
}
