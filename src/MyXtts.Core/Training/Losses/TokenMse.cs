using MyXtts.Abstractions.Losses;
using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>Mean squared error over the valid tokens of [B, L] predictions against detached targets (the variance-predictor losses).</summary>
public static class TokenMse
{
    /// <summary>Σ mask·(predicted − target)² / Σ mask, mask = the first token-lengths[b] tokens of row b; float32 scalar.</summary>
    public static Tensor Of(Tensor predicted, Tensor target, Tensor tokenLengths)
    {
        using var scope = NewDisposeScope();
        var p = predicted.to(ScalarType.Float32);
        var mask = SequenceMasks.Valid(tokenLengths.to(p.device), p.shape[1]).to(ScalarType.Float32);
        var loss = ((p - target.to(ScalarType.Float32).detach()).pow(2) * mask).sum() / mask.sum().clamp_min(1);
        return loss.MoveToOuterDisposeScope();
    }
}

/// <summary>
/// A loss term that is <see cref="TokenMse"/> between two [B, L] auxiliary outputs, applying only to models that produce
/// both (the pitch and energy terms).
/// </summary>
public abstract class TokenMseTerm(string predictedKey, string targetKey) : ILossTerm
{
    /// <inheritdoc />
    public bool AppliesTo(LossContext context) => context.Outputs.Aux.ContainsKey(predictedKey) && context.Outputs.Aux.ContainsKey(targetKey);

    /// <inheritdoc />
    public LossValue Compute(LossContext context) =>
        new(TokenMse.Of(context.Outputs.Aux[predictedKey], context.Outputs.Aux[targetKey], context.Batch.TokenLengths));
}
