namespace MyXtts.Core.Audio;

/// <summary>Why an audio file could not be decoded; datasets count skipped clips by this.</summary>
public enum AudioErrorKind
{
    /// <summary>No file at the path.</summary>
    NotFound,
    /// <summary>The path is a directory.</summary>
    IsDirectory,
    /// <summary>The file exists but cannot be opened or read (permissions, I/O error).</summary>
    Unreadable,
    /// <summary>The file has zero bytes.</summary>
    Empty,
    /// <summary>The file ends inside the container header or the format description.</summary>
    TruncatedHeader,
    /// <summary>The bytes are not a recognised audio container.</summary>
    NotAudio,
    /// <summary>A recognised container with a sample encoding this reader cannot decode.</summary>
    UnsupportedEncoding,
    /// <summary>A valid header but no decodable samples (missing or empty data, NaN/Inf samples).</summary>
    NoAudioData,
    /// <summary>The format needs libsndfile, which is not installed.</summary>
    DecoderMissing,
}
