namespace MyXtts.Core.Audio.Processing;

/// <summary>
/// ITU-R BS.1770-4 integrated loudness of a mono clip in LUFS: K-weighting, mean square over 400 ms blocks with
/// 75 % overlap, an absolute gate at −70 LUFS, then a relative gate 10 LU below the loudness of the blocks that passed.
/// A full-scale 1 kHz sine reads −3.01 LUFS.
/// </summary>
public static class LoudnessMeter
{
    private const double Offset = -0.691, AbsoluteGate = -70, RelativeGate = -10;

    /// <summary>Integrated loudness, or null when the clip is shorter than one 400 ms block or every block is gated out (silence).</summary>
    public static double? IntegratedLufs(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        int block = (int)Math.Round(0.4 * sampleRate), step = (int)Math.Round(0.1 * sampleRate);
        if (samples.Length < block) return null;
        var weighted = KWeighting.Apply(samples, sampleRate);
        var prefix = new double[weighted.Length + 1];
        for (int i = 0; i < weighted.Length; i++) prefix[i + 1] = prefix[i] + weighted[i] * weighted[i];
        var blocks = new List<double>();
        for (long start = 0; start + block <= weighted.Length; start += step)
            blocks.Add((prefix[start + block] - prefix[start]) / block);
        var audible = blocks.Where(z => Loudness(z) > AbsoluteGate).ToList();
        if (audible.Count == 0) return null;
        double threshold = Loudness(audible.Average()) + RelativeGate;
        var gated = audible.Where(z => Loudness(z) > threshold).ToList();
        return gated.Count == 0 ? null : Loudness(gated.Average());
    }

    private static double Loudness(double meanSquare) => Offset + 10 * Math.Log10(meanSquare);
}
