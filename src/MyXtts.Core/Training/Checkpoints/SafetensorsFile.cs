using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyXtts.Core.IO;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// The <c>.safetensors</c> format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each
/// name to dtype, shape and byte offsets (plus optional <c>__metadata__</c> strings), then the raw little-endian data.
/// Readable by Python's <c>safetensors</c> and by numpy with a few lines.
/// </summary>
public static class SafetensorsFile
{
    private static readonly (string Code, ScalarType Type)[] DTypes =
    [
        ("F64", ScalarType.Float64), ("F32", ScalarType.Float32), ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64), ("I32", ScalarType.Int32), ("I16", ScalarType.Int16), ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte), ("BOOL", ScalarType.Bool),
    ];

    /// <summary>Writes <paramref name="tensors"/> (any device; copied to the CPU) atomically, names sorted.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        AtomicFile.Write(path, stream => Write(stream, tensors, metadata));

    /// <summary>Writes <paramref name="tensors"/> in the safetensors layout to <paramref name="stream"/>, names sorted.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 }) header["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var data = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            using var cpu = tensor.detach().cpu().contiguous();
            var bytes = cpu.bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = Code(cpu.dtype, name),
                ["shape"] = new JsonArray(cpu.shape.Select(d => (JsonNode?)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            data.Add(bytes);
            offset += bytes.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = json.Concat(Enumerable.Repeat((byte)' ', (8 - json.Length % 8) % 8)).ToArray();   // keeps data 8-byte aligned
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded.Length);
        stream.Write(length);
        stream.Write(padded);
        foreach (var bytes in data) stream.Write(bytes);
    }

    /// <summary>Reads every tensor of <paramref name="path"/> onto the CPU; the caller owns (disposes) them.</summary>
    public static Dictionary<string, Tensor> Read(string path) => Read(File.ReadAllBytes(path), path);

    /// <summary>Reads every tensor of the safetensors bytes <paramref name="file"/> (named <paramref name="path"/> in errors) onto the CPU.</summary>
    public static Dictionary<string, Tensor> Read(byte[] file, string path)
    {
        if (file.Length < 8) throw new InvalidDataException($"'{path}' is not a safetensors file (only {file.Length} bytes).");
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > file.Length - 8) throw new InvalidDataException($"'{path}' is truncated: header of {headerLength} bytes in a {file.Length}-byte file.");
        var header = JsonNode.Parse(file.AsSpan(8, (int)headerLength))!.AsObject();
        var dataStart = 8 + (int)headerLength;
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, node) in header.Where(kv => kv.Key != "__metadata__"))
        {
            var entry = node!.AsObject();
            var shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var offsets = entry["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            if (dataStart + offsets[1] > file.Length) throw new InvalidDataException($"'{path}': tensor '{name}' runs past the end of the file (truncated).");
            var tensor = empty(shape, TypeOf(entry["dtype"]!.GetValue<string>(), name, path));
            tensor.bytes = file.AsSpan(dataStart + (int)offsets[0], (int)(offsets[1] - offsets[0]));
            tensors[name] = tensor;
        }
        return tensors;
    }

    /// <summary>The <c>__metadata__</c> strings of <paramref name="path"/> (empty when it has none), without reading the tensors.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> length = stackalloc byte[8];
        if (stream.Read(length) < 8) throw new InvalidDataException($"'{path}' is not a safetensors file (under 8 bytes).");
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(length);
        if (headerLength > stream.Length - 8) throw new InvalidDataException($"'{path}' is truncated: header of {headerLength} bytes in a {stream.Length}-byte file.");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        return JsonNode.Parse(header)!.AsObject()["__metadata__"] is JsonObject metadata
            ? metadata.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();
    }

    private static string Code(ScalarType type, string name) =>
        DTypes.FirstOrDefault(d => d.Type == type).Code ?? throw new NotSupportedException($"Tensor '{name}' has dtype {type}, which safetensors export does not support.");

    private static ScalarType TypeOf(string code, string name, string path) =>
        DTypes.FirstOrDefault(d => d.Code == code) is { Code: not null } d ? d.Type
            : throw new InvalidDataException($"'{path}': tensor '{name}' has dtype {code}; supported: {string.Join(", ", DTypes.Select(x => x.Code))}.");
}
