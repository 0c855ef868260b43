namespace MyXtts.Core.Data;

/// <summary>One utterance whose metadata line and audio file passed the cheap checks (the audio is decoded later).</summary>
/// <param name="Id">Utterance id.</param>
/// <param name="Text">Raw transcript.</param>
/// <param name="NormalizedText">Normalized transcript (third column, else the raw one); this is what gets tokenized.</param>
/// <param name="Speaker">Speaker name (fourth column, id pattern, or the single-speaker name).</param>
/// <param name="AudioPath">Absolute path of the .wav or .flac file.</param>
/// <param name="Source">"metadata.csv:12"-style origin for messages.</param>
public sealed record DatasetItem(string Id, string Text, string NormalizedText, string Speaker, string AudioPath, string Source);
