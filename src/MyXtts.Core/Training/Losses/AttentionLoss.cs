using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// The alignment objective, for either decoder strategy (one weight, <c>training.loss_weights.attention_loss</c>, for
/// "learn to align"); which one is computed follows from the outputs the model produced:
/// <list type="bullet">
/// <item>Non-autoregressive (<c>Aux[aligned_means]</c>, <c>Aux[alignment_target]</c> [B, rM, T'], <c>Aux[step_lengths]</c>):
/// the negative log-likelihood of the (standardised, stacked) target frames under the unit-variance Gaussians of the
/// tokens they were aligned to, ½‖x_j − μ_a(j)‖², averaged over valid steps and channels (Glow-TTS / Grad-TTS "prior"
/// loss, without the constant). Minimising it is what makes the token means — and so the monotonic alignment search —
/// converge on a good alignment.</item>
/// <item>Autoregressive (<c>Aux[decoder_alignment]</c> [B, T', L], <c>Aux[step_lengths]</c>): guided attention
/// (<see cref="GuidedAttention"/>), the share of each valid step's text attention that lies off the diagonal band.</item>
/// </list>
/// </summary>
[Plugin(Name, Summary = "Alignment objective: NLL under the aligned token means (non-autoregressive) or guided attention (autoregressive) (built-in)")]
public sealed class AttentionLoss : ILossTerm
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.attention_loss</c>.</summary>
    public const string Name = "attention_loss";

    /// <inheritdoc />
    public bool AppliesTo(LossContext context) => IsGuided(context) || IsLikelihood(context);

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        if (IsGuided(context))
        {
            var alignment = context.Outputs.Aux[AcousticOutputKeys.DecoderAlignment].to(ScalarType.Float32);
            return new LossValue(GuidedAttention.Loss(alignment, context.Outputs.Aux[AcousticOutputKeys.StepLengths], context.Batch.TokenLengths));
        }
        using var scope = NewDisposeScope();
        var means = context.Outputs.Aux[AcousticOutputKeys.AlignedMeans].to(ScalarType.Float32);       // [B, rM, T']
        var target = context.Outputs.Aux[AcousticOutputKeys.AlignmentTarget].to(ScalarType.Float32);
        var mask = SequenceMasks.ChannelMask(context.Outputs.Aux[AcousticOutputKeys.StepLengths], means.shape[2], ScalarType.Float32);
        var loss = (0.5 * (means - target.detach()).pow(2) * mask).sum() / (mask.sum() * means.shape[1]).clamp_min(1);
        return new LossValue(loss.MoveToOuterDisposeScope());
    }

    private static bool IsGuided(LossContext context) =>
        context.Outputs.Aux.ContainsKey(AcousticOutputKeys.DecoderAlignment) && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.StepLengths);

    private static bool IsLikelihood(LossContext context) =>
        context.Outputs.Aux.ContainsKey(AcousticOutputKeys.AlignedMeans) && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.AlignmentTarget)
        && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.StepLengths);
}
