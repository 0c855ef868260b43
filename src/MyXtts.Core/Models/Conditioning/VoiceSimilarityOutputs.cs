using MyXtts.Abstractions.Training;
using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>
/// The two embeddings <c>voice_similarity_loss</c> compares, for either decoder strategy: the predicted log-mel and the
/// reference mel, both standardised and through the model's own <see cref="AudioEncoder"/> frozen
/// (<see cref="FrozenParameters"/>): the predicted side keeps its graph into the mel (so the decoder and postnet learn
/// to sound like the reference), the reference side has none, and the encoder's parameters get no gradient from this
/// term (it would otherwise learn to call any two mels alike). The built-in encoder is the only one that can be used:
/// the pretrained speaker-encoder plugins take waveforms, and there is no differentiable vocoder from mel to waveform.
/// </summary>
internal static class VoiceSimilarityOutputs
{
    /// <summary>Adds <see cref="AcousticOutputKeys.OutputVoiceEmbedding"/> and <see cref="AcousticOutputKeys.ReferenceVoiceEmbedding"/> to <paramref name="aux"/> (moved to the caller's outer scope).</summary>
    public static void Add(Dictionary<string, Tensor> aux, MelNormalizer normalizer, AudioEncoder encoder, Tensor predictedMel, TrainingBatch batch)
    {
        var (output, reference) = FrozenParameters.Run(encoder, () =>
        {
            Tensor target;
            using (no_grad()) target = encoder.Embed(normalizer.Normalize(batch.ReferenceMel), batch.ReferenceMelLengths);
            return (encoder.Embed(normalizer.Normalize(predictedMel), batch.MelLengths), target);
        });
        aux[AcousticOutputKeys.OutputVoiceEmbedding] = output.MoveToOuterDisposeScope();
        aux[AcousticOutputKeys.ReferenceVoiceEmbedding] = reference.MoveToOuterDisposeScope();
    }
}
