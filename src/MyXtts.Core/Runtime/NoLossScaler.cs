using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>The loss scaler of float32 and bf16 training: scale 1, no inf check (no host sync), always steps.</summary>
public sealed class NoLossScaler : ILossScaler
{
    public static NoLossScaler Instance { get; } = new();

    private NoLossScaler() { }

    public double Scale => 1.0;
    public LossScalerState State => new(1.0, 0);
    public torch.Tensor ScaleLoss(torch.Tensor loss) => loss.alias();
    public bool UnscaleGradients(IEnumerable<torch.Tensor> parameters) => true;

    public bool Step(torch.optim.Optimizer optimizer, IEnumerable<torch.Tensor> parameters)
    {
        optimizer.step();
        return true;
    }

    public void Restore(LossScalerState state) { }
}
