using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// Supervised contrastive loss (Khosla et al., 2020) over the batch's speaker embeddings, with an additive margin on
/// positives (as AM-softmax): for each anchor i with at least one other row of the same speaker,
/// −mean_p log( e^{(s_ip − m)/τ} / Σ_{k≠i} e^{(s_ik − m·[k∈P(i)])/τ} ), s = cosine similarity. Pulls embeddings of one
/// voice together and pushes other voices apart, which the mel loss alone does not ask for.
/// Reads <c>Aux[speaker_embedding]</c> [B, S] and the batch's speaker ids; zero (with gradient) when no row has a positive.
/// </summary>
[Plugin(Name, Options = typeof(SpeakerContrastiveOptions), Summary = "Batch contrastive loss over speaker embeddings (built-in)")]
public sealed class SpeakerContrastiveLoss(SpeakerContrastiveOptions options) : ILossTerm
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.speaker_contrastive_loss</c>, options under <c>plugins.speaker_contrastive_loss</c>.</summary>
    public const string Name = "speaker_contrastive_loss";

    public SpeakerContrastiveLoss() : this(new SpeakerContrastiveOptions()) { }

    /// <inheritdoc />
    public bool AppliesTo(LossContext context) => context.Outputs.Aux.ContainsKey(AcousticOutputKeys.SpeakerEmbedding);

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        options.Validate();
        using var scope = NewDisposeScope();
        var embedding = nn.functional.normalize(context.Outputs.Aux[AcousticOutputKeys.SpeakerEmbedding].to(ScalarType.Float32), p: 2, dim: 1);
        var ids = context.Batch.SpeakerIds.to(embedding.device);
        var n = embedding.shape[0];
        var self = eye(n, dtype: ScalarType.Bool, device: embedding.device);
        var positive = ids.unsqueeze(0).eq(ids.unsqueeze(1)).logical_and(self.logical_not());             // [B, B]
        var similarity = embedding.matmul(embedding.t());                                                 // cosine, [B, B]
        var logits = (similarity - options.Margin * positive.to(ScalarType.Float32)) / options.Temperature;
        logits = logits.masked_fill(self, float.NegativeInfinity);
        var logProbability = logits - logits.logsumexp(1, keepdim: true);                                  // row-wise log-softmax over k ≠ i
        var positives = positive.to(ScalarType.Float32);
        var perAnchorCount = positives.sum(1);
        var perAnchor = -(logProbability.masked_fill(positive.logical_not(), 0) * positives).sum(1) / perAnchorCount.clamp_min(1);
        var anchors = (perAnchorCount > 0).to(ScalarType.Float32);
        var loss = (perAnchor * anchors).sum() / anchors.sum().clamp_min(1) + 0 * embedding.sum();      // keeps the graph when no anchor has a positive
        return new LossValue(loss.MoveToOuterDisposeScope());
    }
}
