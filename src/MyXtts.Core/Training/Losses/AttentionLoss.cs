using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// The alignment objective of the non-autoregressive model: the negative log-likelihood of the (standardised, stacked)
/// target frames under the unit-variance Gaussians of the tokens they were aligned to, ½‖x_j − μ_a(j)‖², averaged over
/// valid steps and channels (Glow-TTS / Grad-TTS "prior" loss, without the constant). Minimising it is what makes the
/// token means — and so the monotonic alignment search — converge on a good alignment.
/// Reads <c>Aux[aligned_means]</c>, <c>Aux[alignment_target]</c> ([B, rM, T']) and <c>Aux[step_lengths]</c> ([B]).
/// </summary>
[Plugin(Name, Summary = "Alignment NLL of the target frames under the aligned token means (built-in)")]
public sealed class AttentionLoss : ILossTerm
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.attention_loss</c>.</summary>
    public const string Name = "attention_loss";

    /// <inheritdoc />
    public bool AppliesTo(LossContext context) =>
        context.Outputs.Aux.ContainsKey(AcousticOutputKeys.AlignedMeans) && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.AlignmentTarget)
        && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.StepLengths);

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        using var scope = NewDisposeScope();
        var means = context.Outputs.Aux[AcousticOutputKeys.AlignedMeans].to(ScalarType.Float32);       // [B, rM, T']
        var target = context.Outputs.Aux[AcousticOutputKeys.AlignmentTarget].to(ScalarType.Float32);
        var mask = SequenceMasks.ChannelMask(context.Outputs.Aux[AcousticOutputKeys.StepLengths], means.shape[2], ScalarType.Float32);
        var loss = (0.5 * (means - target.detach()).pow(2) * mask).sum() / (mask.sum() * means.shape[1]).clamp_min(1);
        return new LossValue(loss.MoveToOuterDisposeScope());
    }
}
