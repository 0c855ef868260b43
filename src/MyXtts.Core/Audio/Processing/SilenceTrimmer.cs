namespace MyXtts.Core.Audio.Processing;

/// <summary>
/// Leading and trailing silence removal as librosa.effects.trim: frame RMS over centred, zero-padded frames; a frame is
/// non-silent when 20·log10(rms / max rms) &gt; −TopDb; the clip keeps [first non-silent frame · hop,
/// (last non-silent frame + 1) · hop). Silence inside the clip is kept; an all-silent clip (every frame's mean square
/// ≤ 1e-10) trims to nothing.
/// </summary>
public static class SilenceTrimmer
{
    private const double PowerFloor = 1e-10;   // librosa amplitude_to_db amin (1e-5) squared

    /// <summary>The kept sample range [Start, End); (0, 0) when the whole clip is silent.</summary>
    public static (int Start, int End) FindNonSilent(ReadOnlySpan<float> samples, TrimOptions? options = null)
    {
        options ??= new TrimOptions();
        options.Validate();
        if (samples.Length == 0) return (0, 0);
        var power = FramePower(samples, options.FrameLength, options.HopLength);
        // Digital silence has no reference level; librosa would keep all of it (0 dB re itself), we keep none.
        if (power.Max() <= PowerFloor) return (0, 0);
        double reference = 10 * Math.Log10(power.Max());
        int first = -1, last = -1;
        for (int t = 0; t < power.Length; t++)
        {
            if (10 * Math.Log10(Math.Max(PowerFloor, power[t])) - reference <= -options.TopDb) continue;
            if (first < 0) first = t;
            last = t;
        }
        if (first < 0) return (0, 0);
        return (first * options.HopLength, (int)Math.Min(samples.Length, (long)(last + 1) * options.HopLength));
    }

    /// <summary>A copy of <paramref name="samples"/> without leading and trailing silence.</summary>
    public static float[] Trim(ReadOnlySpan<float> samples, TrimOptions? options = null)
    {
        var (start, end) = FindNonSilent(samples, options);
        return samples[start..end].ToArray();
    }

    // Mean square per frame; frame t covers samples [t·hop − frame/2, t·hop − frame/2 + frame), zeros outside the clip.
    private static double[] FramePower(ReadOnlySpan<float> samples, int frame, int hop)
    {
        var prefix = new double[samples.Length + 1];
        for (int i = 0; i < samples.Length; i++) prefix[i + 1] = prefix[i] + (double)samples[i] * samples[i];
        int half = frame / 2;
        int frames = 1 + (samples.Length + 2 * half - frame) / hop;
        var power = new double[Math.Max(frames, 0)];
        for (int t = 0; t < power.Length; t++)
        {
            long begin = (long)t * hop - half;
            int lo = (int)Math.Clamp(begin, 0, samples.Length), hi = (int)Math.Clamp(begin + frame, 0, samples.Length);
            power[t] = Math.Max(0, prefix[hi] - prefix[lo]) / frame;
        }
        return power;
    }
}
