namespace MyXtts.Core.Audio;

/// <summary>Opens an audio file for reading, turning every file-system failure into an <see cref="AudioFormatException"/>.</summary>
internal static class AudioFileOpener
{
    /// <summary>A read-only stream over a non-empty regular file.</summary>
    public static FileStream Open(string path)
    {
        if (Directory.Exists(path))
            throw new AudioFormatException(path, AudioErrorKind.IsDirectory, "is a directory, not an audio file.");
        if (!File.Exists(path))
            throw new AudioFormatException(path, AudioErrorKind.NotFound, "no such file.");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, AudioErrorKind.Unreadable, $"cannot open the file: {e.Message}", e);
        }
        if (stream.Length == 0)
        {
            stream.Dispose();
            throw new AudioFormatException(path, AudioErrorKind.Empty, "the file is empty (0 bytes).");
        }
        return stream;
    }
}
