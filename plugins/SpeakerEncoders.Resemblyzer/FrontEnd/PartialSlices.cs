namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer.FrontEnd;

/// <summary>
/// Resemblyzer's <c>compute_partial_slices</c>: windows of 160 mel frames every round(16000 / rate / 160) frames
/// (77 at the default rate 1.3) covering the clip; the last window is dropped when it covers less than
/// <c>minCoverage</c> of real audio and is not the only one.
/// </summary>
internal static class PartialSlices
{
    public const int FramesPerPartial = 160;

    /// <summary>The [start, stop) mel frame windows for a clip of <paramref name="samples"/> samples.</summary>
    public static IReadOnlyList<(int Start, int Stop)> Compute(long samples, double rate, double minCoverage)
    {
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "A clip to embed needs at least one sample.");
        if (!(rate > 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The partial rate must be positive (Resemblyzer's default is 1.3).");
        if (!(minCoverage > 0 && minCoverage <= 1))
            throw new ArgumentOutOfRangeException(nameof(minCoverage), minCoverage, "min_coverage must lie in (0, 1] (Resemblyzer's default is 0.75).");
        const int samplesPerFrame = ResemblyzerMel.HopLength;
        int frames = (int)Math.Ceiling((samples + 1) / (double)samplesPerFrame);
        // np.round rounds half to even, as Math.Round does by default.
        int frameStep = (int)Math.Round(ResemblyzerMel.SampleRate / rate / samplesPerFrame);
        if (frameStep < 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Rate {rate} gives a step of {frameStep} frames; use at most 100.");
        int steps = Math.Max(1, frames - FramesPerPartial + frameStep + 1);
        var slices = new List<(int Start, int Stop)>();
        for (int i = 0; i < steps; i += frameStep) slices.Add((i, i + FramesPerPartial));
        var last = slices[^1];
        double coverage = (samples - last.Start * (double)samplesPerFrame) / ((last.Stop - last.Start) * (double)samplesPerFrame);
        if (coverage < minCoverage && slices.Count > 1) slices.RemoveAt(slices.Count - 1);
        return slices;
    }

    /// <summary>Samples the clip is zero-padded to before the mel: the end of the last window, or the clip if longer.</summary>
    public static long PaddedLength(long samples, IReadOnlyList<(int Start, int Stop)> slices) =>
        Math.Max(samples, (long)slices[^1].Stop * ResemblyzerMel.HopLength);
}
