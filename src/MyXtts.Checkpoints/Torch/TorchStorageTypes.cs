using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Torch;

/// <summary>The legacy typed storage classes PyTorch names in its pickles (<c>torch.FloatStorage</c>…) and their dtypes.</summary>
internal static class TorchStorageTypes
{
    /// <summary>Storage class name (without <c>torch.</c>) → element type.</summary>
    public static readonly IReadOnlyDictionary<string, ScalarType> ByName = new Dictionary<string, ScalarType>
    {
        ["FloatStorage"] = ScalarType.Float32,
        ["DoubleStorage"] = ScalarType.Float64,
        ["HalfStorage"] = ScalarType.Float16,
        ["BFloat16Storage"] = ScalarType.BFloat16,
        ["LongStorage"] = ScalarType.Int64,
        ["IntStorage"] = ScalarType.Int32,
        ["ShortStorage"] = ScalarType.Int16,
        ["CharStorage"] = ScalarType.Int8,
        ["ByteStorage"] = ScalarType.Byte,
        ["BoolStorage"] = ScalarType.Bool,
    };

    /// <summary>Bytes per element of <paramref name="type"/>.</summary>
    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a storage element type this reader supports"),
    };
}
