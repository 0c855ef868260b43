namespace MyXtts.Core.Data.Sample;

/// <summary>
/// One synthetic voice of the sample corpus: an engine (flite or espeak-ng), the engine's voice name, and the
/// prosody settings that make it distinct.
/// </summary>
/// <param name="Engine">"flite" or "espeak-ng".</param>
/// <param name="Voice">flite voice (rms, slt, awb, kal16) or espeak-ng voice (en-us+f2...).</param>
/// <param name="Pitch">espeak-ng pitch 0–99; unused for flite (the voice's own pitch).</param>
/// <param name="Rate">espeak-ng words per minute, or flite duration stretch (1.0 = the voice's own tempo).</param>
public sealed record SampleVoice(string Engine, string Voice, int Pitch, double Rate)
{
    /// <summary>
    /// The voice list, in the order speakers are assigned. The first eight are four distinct flite voices and then the
    /// same four at a second tempo ("tempo twins"): they test whether a model clones speaking rate, which timbre
    /// statistics cannot tell apart. Then sixteen espeak-ng voices with distinct accents, pitches and rates.
    /// </summary>
    public static IReadOnlyList<SampleVoice> All { get; } =
    [
        new("flite", "rms", 0, 1.00), new("flite", "slt", 0, 1.00), new("flite", "awb", 0, 1.00), new("flite", "kal16", 0, 1.00),
        new("flite", "rms", 0, 1.15), new("flite", "slt", 0, 0.90), new("flite", "awb", 0, 1.12), new("flite", "kal16", 0, 0.92),
        new("espeak-ng", "en-us+klatt2", 50, 155), new("espeak-ng", "en-us+f2", 62, 160),
        new("espeak-ng", "en-us+klatt5", 45, 150), new("espeak-ng", "en-us+klatt4", 40, 165),
        new("espeak-ng", "en-us+klatt6", 55, 150), new("espeak-ng", "en-us-nyc+f2", 66, 170),
        new("espeak-ng", "en-us+klatt", 48, 158), new("espeak-ng", "en-gb+m3", 35, 170),
        new("espeak-ng", "en-gb-x-rp+f4", 58, 155), new("espeak-ng", "en-gb-scotland+m2", 45, 160),
        new("espeak-ng", "en-029+m4", 50, 150), new("espeak-ng", "en-gb-x-gbclan+f3", 55, 165),
        new("espeak-ng", "en-gb-x-gbcwmd+m5", 38, 158), new("espeak-ng", "en-us+f5", 70, 168),
        new("espeak-ng", "en-gb+m6", 30, 172), new("espeak-ng", "en-us+m7", 48, 150),
    ];

    /// <summary>Human description for voices.tsv and reports.</summary>
    public string Describe() => Engine == "flite" ? $"flite {Voice} tempo x{1 / Rate:0.00}" : $"espeak-ng {Voice} pitch {Pitch} {Rate} wpm";
}
