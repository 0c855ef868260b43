using MyXtts.Abstractions.SpeakerEncoders;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>
/// The pretrained speaker embedding [B, E] a model with a <c>speaker_projection</c> reads: precomputed in the
/// conditioning inputs (frozen encoder), or made here by the attached encoder from the reference waveform (fine-tuned
/// encoder; gradients flow into it unless the caller disabled them).
/// </summary>
internal static class PretrainedSpeakerInput
{
    /// <summary>The embedding for <paramref name="batch"/> rows in <paramref name="dtype"/>; throws naming what is missing.</summary>
    public static Tensor Embedding(IReadOnlyDictionary<string, Tensor>? conditioning, ISpeakerEncoder? encoder, long embeddingDim, long batch, ScalarType dtype)
    {
        Tensor embedding;
        if (conditioning is not null && conditioning.TryGetValue(ConditioningKeys.PretrainedSpeakerEmbedding, out var given)) embedding = given;
        else if (encoder is not null && conditioning is not null
                 && conditioning.TryGetValue(ConditioningKeys.ReferenceWaveform, out var waveform)
                 && conditioning.TryGetValue(ConditioningKeys.ReferenceWaveformLengths, out var lengths))
            embedding = encoder.Embed(waveform.to(ScalarType.Float32), lengths);
        else
            throw new InvalidOperationException(
                $"This model is conditioned on a pretrained speaker encoder ({embeddingDim}-dim embeddings) but got neither " +
                $"'{ConditioningKeys.PretrainedSpeakerEmbedding}' nor '{ConditioningKeys.ReferenceWaveform}' (with an attached encoder). " +
                "Train and synthesize through myxtts train / SpeechSynthesizer with the speaker encoder the checkpoint records.");
        if (embedding.dim() != 2 || embedding.shape[0] != batch || embedding.shape[1] != embeddingDim)
            throw new InvalidOperationException(
                $"The pretrained speaker embedding is [{string.Join(", ", embedding.shape)}]; this model expects [{batch}, {embeddingDim}] " +
                "(the encoder it was trained with).");
        return embedding.to(dtype);
    }
}
