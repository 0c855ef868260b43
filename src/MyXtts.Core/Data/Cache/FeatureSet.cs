namespace MyXtts.Core.Data.Cache;

/// <summary>
/// The cached features of one utterance: named float arrays with shapes (log-mel [n_mels, frames] always; pitch [frames]
/// when the extractor tracks it; energy comes from the mel itself) plus the decoded audio length.
/// </summary>
public sealed class FeatureSet
{
    /// <summary>Name of the log-mel array, shape [n_mels, frames].</summary>
    public const string Mel = "mel";

    /// <summary>Name of the frame-level F0 array in Hz (0 = unvoiced), shape [frames], frame t = mel frame t (YIN).</summary>
    public const string Pitch = "pitch";

    /// <summary>Samples in the processed (resampled, trimmed) waveform.</summary>
    public required long Samples { get; init; }

    /// <summary>Sample rate of the source file before resampling (for the dataset report); 0 when unknown.</summary>
    public int SourceSampleRate { get; init; }

    /// <summary>Arrays by name; each with its shape (row-major).</summary>
    public required IReadOnlyDictionary<string, (int[] Shape, float[] Data)> Arrays { get; init; }

    /// <summary>Frames of the log-mel.</summary>
    public int Frames => Arrays[Mel].Shape[1];
}
