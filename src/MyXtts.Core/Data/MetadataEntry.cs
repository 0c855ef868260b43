namespace MyXtts.Core.Data;

/// <summary>One usable line of a metadata file.</summary>
/// <param name="Id">Utterance id (first column); the audio file is <c>&lt;wavs&gt;/&lt;id&gt;.wav</c> or <c>.flac</c>.</param>
/// <param name="Text">Raw transcript (second column).</param>
/// <param name="NormalizedText">Third column when present and non-empty, else <paramref name="Text"/>.</param>
/// <param name="Speaker">Fourth column when present, else null (resolved later from the id or as single-speaker).</param>
/// <param name="Line">1-based line number in the metadata file, for messages.</param>
public sealed record MetadataEntry(string Id, string Text, string NormalizedText, string? Speaker, int Line);
