using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>
/// Loss scaling for reduced-precision training. Per step: <c>backward(ScaleLoss(loss))</c>, optionally
/// <see cref="UnscaleGradients"/> before clipping, then <see cref="Step"/> (which unscales if not done yet, skips the
/// optimizer step when a gradient is inf/NaN, and updates the scale).
/// </summary>
public interface ILossScaler
{
    double Scale { get; }

    /// <summary>The loss multiplied by <see cref="Scale"/> (a new tensor in the caller's dispose scope).</summary>
    torch.Tensor ScaleLoss(torch.Tensor loss);

    /// <summary>Divides every gradient by <see cref="Scale"/> in place; true when all of them are finite.</summary>
    bool UnscaleGradients(IEnumerable<torch.Tensor> parameters);

    /// <summary>Unscales (if not done this step), steps <paramref name="optimizer"/> when the gradients are finite, updates the scale. True when it stepped.</summary>
    bool Step(torch.optim.Optimizer optimizer, IEnumerable<torch.Tensor> parameters);

    /// <summary>The state a checkpoint saves.</summary>
    LossScalerState State { get; }

    void Restore(LossScalerState state);
}

/// <summary>A loss scaler's checkpointed state: the current scale and the finite steps since the last change.</summary>
public sealed record LossScalerState(double Scale, int GoodSteps);

/// <summary>
/// Dynamic loss scaling (PyTorch GradScaler's defaults): start at <see cref="InitScale"/>; on an inf/NaN gradient skip the step
/// and multiply the scale by <see cref="BackoffFactor"/>; after <see cref="GrowthInterval"/> finite steps in a row multiply it by
/// <see cref="GrowthFactor"/>. Powers of two keep unscaling exact.
/// </summary>
public sealed record LossScalerOptions(double InitScale = 65536.0, double GrowthFactor = 2.0, double BackoffFactor = 0.5, int GrowthInterval = 2000)
{
    /// <summary>The scale never drops below this (a loss that overflows even at scale 1 is a real divergence).</summary>
    public double MinScale { get; init; } = 1.0;
}
