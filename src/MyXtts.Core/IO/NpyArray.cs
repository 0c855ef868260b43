using TorchSharp;

namespace MyXtts.Core.IO;

/// <summary>
/// An n-dimensional array read from or written to a <c>.npy</c> file: a flat C-order buffer
/// (<see cref="float"/>[], <see cref="double"/>[], <see cref="int"/>[] or <see cref="long"/>[]) and its shape.
/// </summary>
public sealed class NpyArray
{
    /// <summary>Wraps <paramref name="data"/> (not copied); its length must equal the product of <paramref name="shape"/>.</summary>
    public NpyArray(Array data, long[] shape)
    {
        DType = NpyDTypes.Of(data);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Any(d => d < 0) || count != data.LongLength)
            throw new ArgumentException(
                $"Shape ({string.Join(", ", shape)}) holds {count} elements but the buffer has {data.LongLength}.", nameof(shape));
        Data = data;
        Shape = shape;
    }

    /// <summary>The flat C-order buffer.</summary>
    public Array Data { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public long[] Shape { get; }

    /// <summary>The element type.</summary>
    public NpyDType DType { get; }

    /// <summary>The buffer as float32, converting double/int buffers (a copy unless it already is float[]).</summary>
    public float[] ToFloatArray() => Data switch
    {
        float[] f => f,
        double[] d => Array.ConvertAll(d, v => (float)v),
        int[] i => Array.ConvertAll(i, v => (float)v),
        long[] l => Array.ConvertAll(l, v => (float)v),
        _ => throw new InvalidOperationException("unreachable: NpyArray holds only the four supported element types"),
    };

    /// <summary>A CPU tensor of the same dtype and shape (copies the buffer). Lives in the caller's dispose scope.</summary>
    public torch.Tensor ToTensor() => Data switch
    {
        float[] f => torch.tensor(f, Shape),
        double[] d => torch.tensor(d, Shape),
        int[] i => torch.tensor(i, Shape),
        long[] l => torch.tensor(l, Shape),
        _ => throw new InvalidOperationException("unreachable: NpyArray holds only the four supported element types"),
    };

    /// <summary>Copies a float32/float64/int32/int64 tensor (any device) into an array.</summary>
    public static NpyArray FromTensor(torch.Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        Array data = cpu.dtype switch
        {
            torch.ScalarType.Float32 => cpu.data<float>().ToArray(),
            torch.ScalarType.Float64 => cpu.data<double>().ToArray(),
            torch.ScalarType.Int32 => cpu.data<int>().ToArray(),
            torch.ScalarType.Int64 => cpu.data<long>().ToArray(),
            _ => throw new ArgumentException(
                $"Tensor dtype {cpu.dtype} cannot be stored as .npy here; supported: {NpyDTypes.Supported}. Convert it first (e.g. .to(float32)).",
                nameof(tensor)),
        };
        return new NpyArray(data, cpu.shape);
    }
}
