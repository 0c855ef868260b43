using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MyXtts.Checkpoints.Pickle;
using MyXtts.Checkpoints.Torch;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Safetensors;

/// <summary>
/// Hugging Face safetensors: an 8-byte little-endian header size, a JSON header
/// (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c>), then the raw
/// little-endian tensor bytes. Pure data by design, so it is the preferred export format.
/// </summary>
public static class SafetensorsFile
{
    private const int MaxHeaderBytes = 100 << 20;

    /// <summary>Reads every tensor (in header order) and the metadata; <see cref="Checkpoint.Root"/> is a dict of name → tensor.</summary>
    public static Checkpoint Read(string path)
    {
        var tensors = new List<Tensor>();
        try
        {
            using var stream = File.OpenRead(path);
            var (header, dataStart) = ReadHeader(stream, path);
            var root = new PickleDict();
            var metadata = new Dictionary<string, string>();
            foreach (var property in header.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var item in property.Value.EnumerateObject()) metadata[item.Name] = item.Value.GetString() ?? "";
                    continue;
                }
                var tensor = ReadTensor(stream, path, dataStart, property);
                tensors.Add(tensor);
                root.Set(property.Name, tensor);
            }
            return new Checkpoint(path, CheckpointFormat.Safetensors, root, tensors, metadata);
        }
        catch
        {
            foreach (var tensor in tensors) tensor.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device and layout; copied to contiguous CPU memory) and optional string
    /// <paramref name="metadata"/>. Written to a temporary file first, so a crash never leaves a half-written file.
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = NewDisposeScope();
        var entries = tensors.Select(p => (p.Key, Data: p.Value.detach().cpu().contiguous())).ToList();
        var header = BuildHeader(entries, metadata);
        string temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        {
            Span<byte> size = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)header.Length);
            stream.Write(size);
            stream.Write(header);
            foreach (var (_, data) in entries)
                if (data.numel() > 0) stream.Write(data.bytes);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] BuildHeader(List<(string Key, Tensor Data)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (key, data) in entries)
            {
                long bytes = StorageBytes.ByteCount(data.dtype, data.numel());
                json.WriteStartObject(key);
                json.WriteString("dtype", SafetensorsDTypes.NameOf(data.dtype));
                json.WriteStartArray("shape");
                foreach (var d in data.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // The format pads the header with spaces so the data starts 8-byte aligned.
        while (buffer.Length % 8 != 0) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static (JsonDocument Header, long DataStart) ReadHeader(Stream stream, string path)
    {
        Span<byte> sizeBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(sizeBytes, 8, throwOnEndOfStream: false) < 8) throw Format(path, "the file is shorter than its 8-byte header size");
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(sizeBytes);
        if (size > MaxHeaderBytes || (long)size > stream.Length - 8) throw Format(path, $"the header size {size} is larger than the file");
        var header = new byte[size];
        stream.ReadExactly(header);
        try
        {
            return (JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0')), 8 + (long)size);
        }
        catch (JsonException e)
        {
            throw Format(path, $"the header is not valid JSON ({e.Message})");
        }
    }

    private static Tensor ReadTensor(Stream stream, string path, long dataStart, JsonProperty property)
    {
        string name = property.Name;
        var info = property.Value;
        string dtypeName = info.GetProperty("dtype").GetString() ?? "";
        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
            throw Format(path, $"tensor '{name}' has dtype {dtypeName}; supported: {string.Join(", ", SafetensorsDTypes.Names)}");
        long[] shape = info.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        long[] offsets = info.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        long count = shape.Aggregate(1L, (a, b) => checked(a * b));
        if (shape.Any(d => d < 0) || offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != StorageBytes.ByteCount(dtype, count)
            || dataStart + offsets[1] > stream.Length)
            throw Format(path, $"tensor '{name}' ({dtypeName} [{string.Join(", ", shape)}]) has data offsets [{string.Join(", ", offsets)}] that do not fit its size or the file");
        var flat = StorageBytes.Allocate(dtype, count);
        stream.Position = dataStart + offsets[0];
        StorageBytes.Fill(flat, stream, path, name);
        var tensor = flat.reshape(shape).DetachFromDisposeScope();
        flat.Dispose();
        return tensor;
    }

    private static CheckpointFormatException Format(string path, string problem) =>
        new($"'{Path.GetFileName(path)}' is not a valid safetensors file: {problem}.");
}
