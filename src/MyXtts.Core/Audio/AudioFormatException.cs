namespace MyXtts.Core.Audio;

/// <summary>
/// An audio file that cannot be decoded. The message names the file and the cause; <see cref="Kind"/> classifies it
/// so that dataset code can skip the clip and count skips per cause.
/// </summary>
public sealed class AudioFormatException(string path, AudioErrorKind kind, string cause, Exception? inner = null)
    : Exception($"{path}: {cause}", inner)
{
    /// <summary>The file that failed.</summary>
    public string Path { get; } = path;

    /// <summary>The class of failure.</summary>
    public AudioErrorKind Kind { get; } = kind;
}
