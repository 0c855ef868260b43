using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// 1 − cosine similarity between the speaker embedding of the predicted mel and that of the reference, averaged over the
/// batch: the output should sound like the voice it was asked to clone. Both embeddings come from the model's own audio
/// encoder with its parameters frozen for this term (<see cref="Models.Conditioning.AudioEncoder"/>,
/// <see cref="Models.Layers.FrozenParameters"/>), so the gradient reaches the acoustic model through the predicted mel
/// and never the encoder. Reads <c>Aux[output_voice_embedding]</c> and <c>Aux[reference_voice_embedding]</c> [B, S],
/// which models compute only when this term is weighted above zero (<see cref="IReadsOptionalOutputs"/>); applies to
/// either decoder strategy with voice conditioning.
/// </summary>
[Plugin(Name, Summary = "1 - cosine between speaker embeddings of the output and the reference, through the frozen built-in audio encoder (built-in)")]
public sealed class VoiceSimilarityLoss : ILossTerm, IReadsOptionalOutputs
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.voice_similarity_loss</c> (or the legacy <c>voice_similarity</c>).</summary>
    public const string Name = "voice_similarity_loss";

    /// <inheritdoc />
    public IReadOnlyList<string> OptionalOutputs { get; } = [AcousticOutputKeys.OutputVoiceEmbedding, AcousticOutputKeys.ReferenceVoiceEmbedding];

    /// <inheritdoc />
    public bool AppliesTo(LossContext context) =>
        context.Outputs.Aux.ContainsKey(AcousticOutputKeys.OutputVoiceEmbedding) && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.ReferenceVoiceEmbedding);

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        using var scope = NewDisposeScope();
        var output = context.Outputs.Aux[AcousticOutputKeys.OutputVoiceEmbedding].to(ScalarType.Float32);        // [B, S]
        var reference = context.Outputs.Aux[AcousticOutputKeys.ReferenceVoiceEmbedding].to(ScalarType.Float32).detach();
        var cosine = nn.functional.cosine_similarity(output, reference, dim: 1, eps: 1e-8);                       // [B]
        return new LossValue((1 - cosine).mean().MoveToOuterDisposeScope());
    }
}
