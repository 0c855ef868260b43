using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// Mean squared error between the predicted log durations and log(max(1, d)) of the durations the alignment search
/// found, over valid tokens (FastSpeech's log-domain duration loss; tokens that got no frame count as one), plus the
/// squared log ratio of each utterance's predicted total length, Σ exp(predicted), to its true total (the mean over
/// utterances). Why the second part: a log-domain fit predicts about the median of each token's duration, and
/// exp(E[log d]) &lt; E[d], so utterances came out 17 % short (docs/quality.md, third run); the total term pulls the sum
/// back to the true length without giving up the per-token fit. <see cref="DurationLossOptions.TotalWeight"/> weighs it.
/// Reads <c>Aux[log_durations]</c> and <c>Aux[durations]</c>, both [B, L]; applies only to models that output them.
/// </summary>
[Plugin(Name, Options = typeof(DurationLossOptions), Summary = "MSE on log durations against the learned alignment, plus the log error of each utterance's total (built-in, non-autoregressive)")]
public sealed class DurationLoss(DurationLossOptions options) : ILossTerm
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.duration_loss</c>.</summary>
    public const string Name = "duration_loss";

    /// <summary>With the default options.</summary>
    public DurationLoss() : this(new DurationLossOptions()) { }

    /// <inheritdoc />
    public bool AppliesTo(LossContext context) =>
        context.Outputs.Aux.ContainsKey(AcousticOutputKeys.LogDurations) && context.Outputs.Aux.ContainsKey(AcousticOutputKeys.Durations);

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        options.Validate();
        using var scope = NewDisposeScope();
        var predicted = context.Outputs.Aux[AcousticOutputKeys.LogDurations].to(ScalarType.Float32);   // [B, L]
        var target = context.Outputs.Aux[AcousticOutputKeys.Durations].to(ScalarType.Float32).clamp_min(1).log();
        var valid = SequenceMasks.Valid(context.Batch.TokenLengths, predicted.shape[1]);
        var mask = valid.to(ScalarType.Float32);
        var tokens = TokenMse.Of(predicted, target, context.Batch.TokenLengths);
        var predictedTotal = (predicted.masked_fill(valid.logical_not(), 0).exp() * mask).sum(1);            // [B]; padding never reaches exp
        var trueTotal = (target.detach().exp() * mask).sum(1);
        var hasTokens = (mask.sum(1) > 0).to(ScalarType.Float32);
        var totals = ((predictedTotal.clamp_min(1e-6).log() - trueTotal.clamp_min(1e-6).log()).pow(2) * hasTokens).sum() / hasTokens.sum().clamp_min(1);
        return new LossValue((tokens + totals * options.TotalWeight).MoveToOuterDisposeScope());
    }
}
