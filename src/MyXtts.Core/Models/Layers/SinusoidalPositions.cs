using static TorchSharp.torch;

namespace MyXtts.Core.Models.Layers;

/// <summary>The Transformer's fixed sine/cosine position table ("Attention Is All You Need"), computed on demand.</summary>
public static class SinusoidalPositions
{
    /// <summary>[T, E]: even channels sin(t / 10000^(2i/E)), odd channels the matching cosine.</summary>
    public static Tensor Table(long length, long dim, Device device)
    {
        using var scope = NewDisposeScope();
        var position = arange(length, dtype: ScalarType.Float32, device: device).unsqueeze(1);                     // [T, 1]
        var frequency = exp(arange(0, dim, 2, dtype: ScalarType.Float32, device: device) * (-Math.Log(10000.0) / dim)); // [E/2]
        var angles = position * frequency;                                                                        // [T, E/2]
        var table = stack([angles.sin(), angles.cos()], 2).reshape(length, -1)[.., ..(int)dim];                  // [T, E] interleaved
        return table.MoveToOuterDisposeScope();
    }
}
