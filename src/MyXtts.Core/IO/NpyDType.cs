namespace MyXtts.Core.IO;

/// <summary>The element types the <c>.npy</c> reader and writer support (little-endian, C order).</summary>
public enum NpyDType
{
    /// <summary><c>&lt;f4</c>: float32.</summary>
    Float32,
    /// <summary><c>&lt;f8</c>: float64.</summary>
    Float64,
    /// <summary><c>&lt;i4</c>: int32.</summary>
    Int32,
    /// <summary><c>&lt;i8</c>: int64.</summary>
    Int64,
}

internal static class NpyDTypes
{
    public static readonly string Supported = "'<f4' (float32), '<f8' (float64), '<i4' (int32), '<i8' (int64)";

    /// <summary>Maps a numpy <c>descr</c> to a dtype; '|' and '=' count as little-endian for one-byte or native (x86/ARM) order.</summary>
    public static NpyDType? FromDescr(string descr) => descr switch
    {
        "<f4" or "=f4" => NpyDType.Float32,
        "<f8" or "=f8" => NpyDType.Float64,
        "<i4" or "=i4" => NpyDType.Int32,
        "<i8" or "=i8" => NpyDType.Int64,
        _ => null,
    };

    public static string ToDescr(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static int ItemSize(NpyDType dtype) => dtype is NpyDType.Float32 or NpyDType.Int32 ? 4 : 8;

    public static NpyDType Of(Array data) => data switch
    {
        float[] => NpyDType.Float32,
        double[] => NpyDType.Float64,
        int[] => NpyDType.Int32,
        long[] => NpyDType.Int64,
        _ => throw new ArgumentException(
            $"Unsupported .npy element array {data.GetType().Name}; use float[], double[], int[] or long[].", nameof(data)),
    };
}
