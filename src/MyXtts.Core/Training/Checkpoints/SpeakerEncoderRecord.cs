using System.Text.Json.Serialization;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// What pretrained speaker encoder a checkpoint's model was trained with, as it was actually used: the plugin, its
/// weights file and that file's SHA-256, frozen or fine-tuned, the embedding size the model's <c>speaker_projection</c>
/// expects; or, when the configured encoder could not be loaded, the fallback to the built-in audio encoder and why.
/// </summary>
public sealed record SpeakerEncoderRecord
{
    /// <summary><see cref="Status"/> of a run conditioned on the pretrained encoder.</summary>
    public const string Active = "active";

    /// <summary><see cref="Status"/> of a run that fell back to the built-in audio encoder alone.</summary>
    public const string FallbackBuiltIn = "fallback: built-in";

    /// <summary><see cref="Active"/> or <see cref="FallbackBuiltIn"/>.</summary>
    public required string Status { get; init; }

    /// <summary>The speaker encoder plugin (<c>model.speaker_encoder_type</c>).</summary>
    public required string Type { get; init; }

    /// <summary>The weights file as configured (full path).</summary>
    public string? Path { get; init; }

    /// <summary>SHA-256 (hex) of the weights file at training time; null for a fallback.</summary>
    public string? Sha256 { get; init; }

    /// <summary>True: the encoder was not trained (embeddings cached); false: fine-tuned, its weights are in the checkpoint.</summary>
    public bool Frozen { get; init; } = true;

    /// <summary>The encoder's embedding size (the <c>speaker_projection</c> input); 0 for a fallback.</summary>
    public int EmbeddingDim { get; init; }

    /// <summary>The encoder's sample rate; 0 for a fallback.</summary>
    public int SampleRate { get; init; }

    /// <summary>
    /// Fine-tuned only: the encoder's <c>ITrainableSpeakerEncoder.CopyMetadata</c>, written as the metadata of the weights
    /// the checkpoint stores, so the stored copy loads back into the same encoder; null when it has none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? WeightsMetadata { get; init; }

    /// <summary>Why the encoder could not be used (a fallback only).</summary>
    public string? Reason { get; init; }

    /// <summary>True when the model reads a pretrained embedding.</summary>
    [JsonIgnore] public bool IsActive => Status == Active;
}
