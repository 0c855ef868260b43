using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MyXtts.Checkpoints.Pickle;
using MyXtts.Checkpoints.Torch;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Safetensors;

/// <summary>
/// A safetensors file whose header has been read and checked, its tensor data not yet: look at <see cref="Metadata"/>
/// first (e.g. to refuse a file made for another model before reading gigabytes), then <see cref="ReadTensors"/>.
/// The header is parsed once, whatever is asked of it. Open one with <see cref="SafetensorsFile.Open"/>.
/// </summary>
public sealed class SafetensorsReader : IDisposable
{
    private const int MaxHeaderBytes = 100 << 20;

    private readonly Stream _stream;
    private readonly JsonDocument _header;
    private readonly long _dataStart;

    private SafetensorsReader(Stream stream, string path)
    {
        (_stream, Path) = (stream, path);
        (_header, _dataStart) = ReadHeader(stream, path);
        Metadata = ReadMetadata(_header, path);
    }

    /// <summary>The file (or, for bytes, the name given for them) that errors name.</summary>
    public string Path { get; }

    /// <summary>The <c>__metadata__</c> strings; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens <paramref name="path"/> and reads its header; the file stays open until the reader is disposed.</summary>
    internal static SafetensorsReader Open(string path)
    {
        var stream = File.OpenRead(path);
        try
        {
            return new SafetensorsReader(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the header of the safetensors bytes <paramref name="file"/>; <paramref name="path"/> names them in errors.</summary>
    internal static SafetensorsReader Open(byte[] file, string path) => new(new MemoryStream(file, writable: false), path);

    /// <summary>Reads every tensor (in header order) onto the CPU; <see cref="Checkpoint.Root"/> is a dict of name → tensor.</summary>
    public Checkpoint ReadTensors()
    {
        var tensors = new List<Tensor>();
        try
        {
            var root = new PickleDict();
            foreach (var property in _header.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__") continue;
                var tensor = ReadTensor(property);
                tensors.Add(tensor);
                root.Set(property.Name, tensor);
            }
            return new Checkpoint(Path, CheckpointFormat.Safetensors, root, tensors, Metadata);
        }
        catch
        {
            foreach (var tensor in tensors) tensor.Dispose();
            throw;
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _header.Dispose();
        _stream.Dispose();
    }

    private static (JsonDocument Header, long DataStart) ReadHeader(Stream stream, string path)
    {
        Span<byte> sizeBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(sizeBytes, 8, throwOnEndOfStream: false) < 8) throw Format(path, "the file is shorter than its 8-byte header size");
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(sizeBytes);
        if (size > MaxHeaderBytes || (long)size > stream.Length - 8) throw Format(path, $"the header size {size} is larger than the file");
        var header = new byte[size];
        stream.ReadExactly(header);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
        }
        catch (JsonException e)
        {
            throw Format(path, $"the header is not valid JSON ({e.Message})");
        }
        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Format(path, $"the header is a JSON {kind}, not an object of name → tensor entry");
        }
        return (document, 8 + (long)size);
    }

    private static Dictionary<string, string> ReadMetadata(JsonDocument header, string path)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!header.RootElement.TryGetProperty("__metadata__", out var section)) return metadata;
        if (section.ValueKind != JsonValueKind.Object) throw Format(path, $"__metadata__ is a JSON {section.ValueKind}, not an object of strings");
        foreach (var item in section.EnumerateObject())
            metadata[item.Name] = item.Value.ValueKind == JsonValueKind.String ? item.Value.GetString()!
                : throw Format(path, $"__metadata__ entry '{item.Name}' is a JSON {item.Value.ValueKind}; the format allows strings only");
        return metadata;
    }

    private Tensor ReadTensor(JsonProperty property)
    {
        string name = property.Name;
        var (dtypeName, shape, offsets) = Entry(property);
        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
            throw Format(Path, $"tensor '{name}' has dtype {dtypeName}; supported: {string.Join(", ", SafetensorsDTypes.Names)}");
        long count = ElementCount(shape);
        if (count < 0 || offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != StorageBytes.ByteCount(dtype, count)
            || _dataStart + offsets[1] > _stream.Length)
            throw Format(Path, $"tensor '{name}' ({dtypeName} [{string.Join(", ", shape)}]) has data offsets [{string.Join(", ", offsets)}] that do not fit its size or the file");
        using var flat = StorageBytes.Allocate(dtype, count);
        _stream.Position = _dataStart + offsets[0];
        StorageBytes.Fill(flat, _stream, Path, name);
        return flat.reshape(shape).DetachFromDisposeScope();   // a view: the storage outlives the flat handle
    }

    /// <summary>Elements of <paramref name="shape"/>; -1 for a negative dimension or a product past <see cref="long.MaxValue"/>.</summary>
    private static long ElementCount(long[] shape)
    {
        long count = 1;
        foreach (var d in shape)
            if (d < 0 || (d > 0 && count > long.MaxValue / d)) return -1;
            else count *= d;
        return count;
    }

    private (string DType, long[] Shape, long[] Offsets) Entry(JsonProperty property)
    {
        try
        {
            var info = property.Value;
            return (info.GetProperty("dtype").GetString() ?? "",
                    info.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                    info.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray());
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Format(Path, $"tensor '{property.Name}' is not an entry of string dtype, integer shape and integer data_offsets ({property.Value.GetRawText()})");
        }
    }

    private static CheckpointFormatException Format(string path, string problem) =>
        new($"'{System.IO.Path.GetFileName(path)}' is not a valid safetensors file: {problem}.");
}
