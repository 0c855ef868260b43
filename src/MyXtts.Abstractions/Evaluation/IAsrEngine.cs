namespace MyXtts.Abstractions.Evaluation;

/// <summary>Speech recognition for intelligibility metrics: audio in, raw text out (callers normalise).</summary>
public interface IAsrEngine
{
    /// <summary>Null (or empty) when the engine can run; otherwise what is missing and the command that installs it.</summary>
    string? UnavailableReason { get; }

    /// <summary>One transcript per clip, in order (empty when nothing was recognised). Throws when unavailable.</summary>
    IReadOnlyList<string> Transcribe(IReadOnlyList<AudioClip> clips);
}
