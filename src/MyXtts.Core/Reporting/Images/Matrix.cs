using static TorchSharp.torch;

namespace MyXtts.Core.Reporting.Images;

/// <summary>Host copies of 2-D tensors and row-major arrays for the image renderers.</summary>
public static class Matrix
{
    /// <summary>A 2-D tensor (any float dtype, any device) as <c>float[rows, columns]</c>; <paramref name="columns"/> crops to the first columns (valid frames).</summary>
    public static float[,] From(Tensor tensor, long? rows = null, long? columns = null)
    {
        if (tensor.dim() != 2) throw new ArgumentException($"Expected a 2-D tensor; got shape [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        using var scope = NewDisposeScope();
        var r = Math.Min(rows ?? tensor.shape[0], tensor.shape[0]);
        var c = Math.Min(columns ?? tensor.shape[1], tensor.shape[1]);
        var host = tensor.detach()[..(int)r, ..(int)c].to(ScalarType.Float32).cpu().contiguous();
        var flat = host.data<float>().ToArray();
        var matrix = new float[r, c];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(float));
        return matrix;
    }

    /// <summary>A row-major <c>[rows × columns]</c> array (e.g. <c>SynthesisResult.LogMel</c>) as <c>float[rows, columns]</c>.</summary>
    public static float[,] From(float[] rowMajor, int rows, int columns)
    {
        if (rowMajor.Length != rows * columns)
            throw new ArgumentException($"{rowMajor.Length} values do not fill a {rows} × {columns} matrix.", nameof(rowMajor));
        var matrix = new float[rows, columns];
        Buffer.BlockCopy(rowMajor, 0, matrix, 0, rowMajor.Length * sizeof(float));
        return matrix;
    }
}
