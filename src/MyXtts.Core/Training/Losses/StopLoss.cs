using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// The autoregressive decoder's stop token: binary cross-entropy on the logits, target 1 at each row's last valid step
/// and 0 before it, the positive weighted by <see cref="StopLossOptions.PositiveWeight"/> w, averaged over valid steps
/// (padded steps count for nothing): mean_t [ w·y·softplus(−x) + (1 − y)·softplus(x) ].
/// Reads <c>Aux[stop_logits]</c> [B, T'] and <c>Aux[step_lengths]</c> [B]; applies only to models that output them.
/// </summary>
[Plugin(Name, Options = typeof(StopLossOptions), Summary = "Masked, positively weighted BCE on the stop token (built-in, autoregressive)")]
public sealed class StopLoss(StopLossOptions options) : ILossTerm
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.stop_loss</c>, options under <c>plugins.stop_loss</c>.</summary>
    public const string Name = "stop_loss";

    public StopLoss() : this(new StopLossOptions()) { }

    /// <inheritdoc />
    public bool AppliesTo(LossContext context) =>
        context.Outputs.Aux.ContainsKey(AcousticOutputKeys.StopLogits) && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.StepLengths);

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        options.Validate();
        using var scope = NewDisposeScope();
        var logits = context.Outputs.Aux[AcousticOutputKeys.StopLogits].to(ScalarType.Float32);                // [B, T']
        var steps = context.Outputs.Aux[AcousticOutputKeys.StepLengths].to(logits.device);
        var mask = SequenceMasks.Valid(steps, logits.shape[1]).to(ScalarType.Float32);
        var target = arange(logits.shape[1], device: logits.device).unsqueeze(0).eq((steps - 1).unsqueeze(1)).to(ScalarType.Float32);
        var perStep = options.PositiveWeight * target * nn.functional.softplus(-logits) + (1 - target) * nn.functional.softplus(logits);
        var loss = (perStep * mask).sum() / mask.sum().clamp_min(1);
        return new LossValue(loss.MoveToOuterDisposeScope());
    }
}
