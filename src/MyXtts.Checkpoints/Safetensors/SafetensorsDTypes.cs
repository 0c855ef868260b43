using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Safetensors;

/// <summary>safetensors dtype names ↔ TorchSharp element types.</summary>
internal static class SafetensorsDTypes
{
    private static readonly Dictionary<string, ScalarType> ByName = new()
    {
        ["F64"] = ScalarType.Float64,
        ["F32"] = ScalarType.Float32,
        ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64,
        ["I32"] = ScalarType.Int32,
        ["I16"] = ScalarType.Int16,
        ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte,
        ["BOOL"] = ScalarType.Bool,
    };

    public static bool TryParse(string name, out ScalarType type) => ByName.TryGetValue(name, out type);

    /// <summary>The safetensors name of <paramref name="type"/>; <paramref name="tensor"/> names the tensor in the error.</summary>
    public static string NameOf(ScalarType type, string tensor) =>
        ByName.FirstOrDefault(p => p.Value == type).Key ?? throw new ArgumentException(
            $"Tensor '{tensor}' has dtype {type}, which safetensors files cannot hold here; supported: {string.Join(", ", ByName.Values)}. " +
            "Convert it (e.g. .to(ScalarType.Float32)) before writing.", "tensors");

    public static IEnumerable<string> Names => ByName.Keys;
}
