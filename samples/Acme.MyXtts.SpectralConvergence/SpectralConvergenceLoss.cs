using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using static TorchSharp.torch;

namespace Acme.MyXtts.SpectralConvergence;

/// <summary>Options bound from the configuration section <c>plugins:spectral_convergence</c>.</summary>
public sealed class SpectralConvergenceOptions
{
    /// <summary>Added to the denominator so silent targets do not divide by zero.</summary>
    public double Eps { get; set; } = 1e-6;
}

/// <summary>
/// Spectral convergence ‖S − Ŝ‖_F / ‖S‖_F between the target and predicted mel over valid frames, a loss that weighs
/// loud regions more than the L1 mel loss does. Shapes: mel [B, n_mels, T], mel lengths [B].
/// </summary>
[Plugin("spectral_convergence", Summary = "Spectral convergence between predicted and target mel (example third-party loss)", Options = typeof(SpectralConvergenceOptions))]
public sealed class SpectralConvergenceLoss(SpectralConvergenceOptions options) : ILossTerm
{
    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        var target = context.Batch.Mel;
        var frames = arange(target.shape[2], device: target.device);
        var mask = (frames.unsqueeze(0) < context.Batch.MelLengths.unsqueeze(1)).unsqueeze(1).to(target.dtype);  // [B, 1, T]
        var difference = (target - context.Outputs.MelPostnet) * mask;
        var value = difference.norm() / ((target * mask).norm() + options.Eps);
        return new LossValue(value);
    }
}
