namespace MyXtts.Core.Models;

/// <summary>
/// Names of the conditioning inputs a batch carries in <c>TrainingBatch.Extra</c> (and synthesis in its conditioning
/// dictionary) for pretrained speaker conditioning. Shapes: B batch, E the pretrained encoder's embedding size, T samples.
/// </summary>
public static class ConditioningKeys
{
    /// <summary>[B, E] float: the frozen pretrained encoder's embedding of each row's reference clip (computed once, cached).</summary>
    public const string PretrainedSpeakerEmbedding = "pretrained_speaker_embedding";

    /// <summary>[B, T] float: each row's reference clip at the encoder's sample rate, zero-padded (the encoder is fine-tuned in the step).</summary>
    public const string ReferenceWaveform = "reference_waveform";

    /// <summary>[B] int64: valid samples of each row of <see cref="ReferenceWaveform"/>.</summary>
    public const string ReferenceWaveformLengths = "reference_waveform_lengths";
}
