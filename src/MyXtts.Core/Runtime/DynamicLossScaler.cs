using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>
/// Dynamic loss scaler for fp16 training (TorchSharp 0.107 has no torch.amp.GradScaler). The inf/NaN check reduces
/// every gradient on the device and reads one boolean: a single host sync per step.
/// </summary>
public sealed class DynamicLossScaler : ILossScaler
{
    private readonly LossScalerOptions _options;
    private int _goodSteps;
    private bool? _unscaledFinite;   // result of this step's unscale, until Step() consumes it

    public DynamicLossScaler(LossScalerOptions options)
    {
        if (options.InitScale <= 0 || options.GrowthFactor <= 1 || options.BackoffFactor is <= 0 or >= 1 || options.GrowthInterval < 1)
            throw new ArgumentException($"Invalid loss scaler options {options}: need InitScale > 0, GrowthFactor > 1, 0 < BackoffFactor < 1, GrowthInterval >= 1.", nameof(options));
        _options = options;
        Scale = options.InitScale;
    }

    public double Scale { get; private set; }

    public LossScalerState State => new(Scale, _goodSteps);

    public torch.Tensor ScaleLoss(torch.Tensor loss) => loss * Scale;

    public bool UnscaleGradients(IEnumerable<torch.Tensor> parameters)
    {
        if (_unscaledFinite is { } done) return done;   // unscaling twice would divide twice
        using var scope = torch.NewDisposeScope();
        var inverse = 1.0 / Scale;
        torch.Tensor? allFinite = null;
        foreach (var p in parameters)
        {
            var grad = p.grad;
            if (grad is null) continue;
            grad.mul_(inverse);
            var finite = torch.isfinite(grad).all();
            allFinite = allFinite is null ? finite : allFinite.logical_and(finite);
        }
        _unscaledFinite = allFinite is null || allFinite.item<bool>();
        return _unscaledFinite.Value;
    }

    public bool Step(torch.optim.Optimizer optimizer, IEnumerable<torch.Tensor> parameters)
    {
        var finite = UnscaleGradients(parameters);
        if (finite) optimizer.step();
        Update(finite);
        return finite;
    }

    /// <summary>Backs off on an overflow, grows after <see cref="LossScalerOptions.GrowthInterval"/> finite steps; ends the step.</summary>
    public void Update(bool gradientsFinite)
    {
        _unscaledFinite = null;
        if (!gradientsFinite)
        {
            Scale = Math.Max(_options.MinScale, Scale * _options.BackoffFactor);
            _goodSteps = 0;
            return;
        }
        if (++_goodSteps < _options.GrowthInterval) return;
        Scale *= _options.GrowthFactor;
        _goodSteps = 0;
    }

    public void Restore(LossScalerState state)
    {
        if (state.Scale <= 0 || state.GoodSteps < 0) throw new ArgumentException($"Invalid loss scaler state {state}.", nameof(state));
        (Scale, _goodSteps, _unscaledFinite) = (state.Scale, state.GoodSteps, null);
    }
}
