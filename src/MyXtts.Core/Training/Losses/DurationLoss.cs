using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// Mean squared error between the predicted log durations and log(max(1, d)) of the durations the alignment search
/// found, over valid tokens (FastSpeech's log-domain duration loss; tokens that got no frame count as one).
/// Reads <c>Aux[log_durations]</c> and <c>Aux[durations]</c>, both [B, L]; applies only to models that output them.
/// </summary>
[Plugin(Name, Summary = "MSE on log durations against the learned alignment (built-in, non-autoregressive)")]
public sealed class DurationLoss : ILossTerm
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.duration_loss</c>.</summary>
    public const string Name = "duration_loss";

    /// <inheritdoc />
    public bool AppliesTo(LossContext context) =>
        context.Outputs.Aux.ContainsKey(AcousticOutputKeys.LogDurations) && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.Durations);

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        using var scope = NewDisposeScope();
        var predicted = context.Outputs.Aux[AcousticOutputKeys.LogDurations].to(ScalarType.Float32);   // [B, L]
        var target = context.Outputs.Aux[AcousticOutputKeys.Durations].to(ScalarType.Float32).clamp_min(1).log();
        var mask = SequenceMasks.Valid(context.Batch.TokenLengths, predicted.shape[1]).to(ScalarType.Float32);
        var loss = ((predicted - target.detach()).pow(2) * mask).sum() / mask.sum().clamp_min(1);
        return new LossValue(loss.MoveToOuterDisposeScope());
    }
}
