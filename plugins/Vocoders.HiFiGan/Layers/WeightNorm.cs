using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>torch.nn.utils.weight_norm with dim = 0: W = g · v / ‖v‖, the norm taken over every dimension but 0.</summary>
internal static class WeightNorm
{
    /// <summary>‖v‖ per index of dimension 0, shaped [d0, 1, 1, …] like <c>weight_g</c>.</summary>
    public static Tensor NormExceptDim0(Tensor v)
    {
        using var scope = NewDisposeScope();
        var keptShape = Enumerable.Repeat(1L, (int)v.dim()).ToArray();
        keptShape[0] = v.shape[0];
        var norm = v.reshape(v.shape[0], -1).norm(1, keepdim: true);   // [d0, 1]
        return norm.reshape(keptShape).MoveToOuterDisposeScope();         // [d0, 1, 1, …]
    }

    /// <summary>The effective weight g · v / ‖v‖ (v * (g / ‖v‖), PyTorch's order of operations).</summary>
    public static Tensor Compose(Tensor g, Tensor v)
    {
        using var scope = NewDisposeScope();
        return (v * (g / NormExceptDim0(v))).MoveToOuterDisposeScope();
    }
}
