namespace MyXtts.Core.Inference;

/// <summary>A recording of the voice to clone and what it says, for measuring the voice's speaking rate.</summary>
public sealed record TranscribedClip(string Path, string Transcript);
