using System.Text.RegularExpressions;

namespace MyXtts.Core.Data;

/// <summary>
/// Decides each utterance's speaker: the metadata's fourth column when given, else a regular expression over the id
/// (first capture group), else one speaker for the whole dataset. The default pattern takes everything before the first
/// underscore: VCTK <c>p248_065_mic1</c> → <c>p248</c>, LibriTTS <c>19_198_000000_000000</c> → <c>19</c>, the sample corpus
/// <c>spk03_0001</c> → <c>spk03</c>; ids without an underscore (LJSpeech <c>LJ001-0001</c>) fall back to single-speaker.
/// </summary>
public sealed class SpeakerResolver
{
    /// <summary>The default id pattern.</summary>
    public const string DefaultPattern = "^([^_]+)_";

    private readonly Regex? _pattern;
    private readonly string _singleSpeaker;

    /// <summary>
    /// <paramref name="pattern"/>: a regex whose first group is the speaker, or null to use the default; "" means single-speaker.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regex or has no capture group.</exception>
    public SpeakerResolver(string? pattern, string singleSpeaker = "speaker")
    {
        _singleSpeaker = singleSpeaker;
        if (pattern == "") return;
        try { _pattern = new Regex(pattern ?? DefaultPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new ArgumentException($"data.speaker_id_pattern '{pattern}' is not a valid regular expression: {e.Message}", nameof(pattern), e); }
        if (_pattern.GetGroupNumbers().Length < 2)
            throw new ArgumentException($"data.speaker_id_pattern '{pattern}' needs a capture group for the speaker, e.g. '^([^_]+)_'.", nameof(pattern));
    }

    /// <summary>
    /// Speakers for <paramref name="entries"/>, in order. When the pattern matches none of the ids the dataset is
    /// single-speaker; when it matches only some, the others get the single-speaker name.
    /// </summary>
    public IReadOnlyList<string> Resolve(IReadOnlyList<MetadataEntry> entries)
    {
        var fromPattern = entries.Select(e => e.Speaker ?? Match(e.Id)).ToList();
        return fromPattern.Select(s => s ?? _singleSpeaker).ToList();
    }

    private string? Match(string id)
    {
        if (_pattern is null) return null;
        var m = _pattern.Match(id);
        return m.Success && m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : null;
    }
}
