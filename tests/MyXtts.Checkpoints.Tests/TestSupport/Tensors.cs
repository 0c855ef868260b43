using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Tests.TestSupport;

/// <summary>Tensor comparisons for assertions.</summary>
public static class Tensors
{
    /// <summary>Same dtype, shape and every element equal (TorchSharp's <c>equal</c> is element-wise).</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
    }
}
