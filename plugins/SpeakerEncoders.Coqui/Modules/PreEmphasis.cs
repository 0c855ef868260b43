using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// Coqui's <c>PreEmphasis</c>: reflect-pad one sample on the left (x[1] goes first), then conv1d with the buffer
/// <c>filter</c> [1, 1, 2] = [−coef, 1], i.e. y[t] = x[t] − coef·x[t−1]. The filter is a checkpoint buffer.
/// </summary>
internal sealed class PreEmphasis : nn.Module<Tensor, Tensor>
{
    public PreEmphasis(double coefficient) : base(nameof(PreEmphasis)) =>
        register_buffer("filter", tensor(new[] { (float)-coefficient, 1f }).reshape(1, 1, 2).DetachFromDisposeScope());

    /// <summary>[N, T] → [N, T].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var padded = nn.functional.pad(x.unsqueeze(1), [1, 0], PaddingModes.Reflect);
        return nn.functional.conv1d(padded, get_buffer("filter")!).squeeze(1).MoveToOuterDisposeScope();
    }
}
