using System.Buffers.Binary;
using System.Text.Json;
using MyXtts.Checkpoints.Torch;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Safetensors;

/// <summary>Lays tensors out in the safetensors format: u64 header size, JSON header padded to 8 bytes, raw data.</summary>
internal static class SafetensorsWriter
{
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata, SafetensorsOrder order)
    {
        using var scope = NewDisposeScope();
        var entries = tensors.Select(p => (p.Key, Data: p.Value.detach().cpu().contiguous())).ToList();
        if (order == SafetensorsOrder.ByName) entries = [.. entries.OrderBy(e => e.Key, StringComparer.Ordinal)];
        CheckNames(entries);
        var header = BuildHeader(entries, metadata);
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)header.Length);
        stream.Write(size);
        stream.Write(header);
        foreach (var (_, data) in entries)
            if (data.numel() > 0) stream.Write(data.bytes);
    }

    /// <summary>A repeated name or one named like the metadata section would make a header no reader accepts.</summary>
    private static void CheckNames(List<(string Key, Tensor Data)> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in entries)
            if (key == "__metadata__" || !seen.Add(key))
                throw new ArgumentException(key == "__metadata__"
                    ? "A tensor is named '__metadata__', the name safetensors reserves for the metadata section; rename it."
                    : $"Two tensors are named '{key}'; a safetensors file holds each name once.", "tensors");
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
                string dtype = SafetensorsDTypes.NameOf(data.dtype, key);
                long bytes = StorageBytes.ByteCount(data.dtype, data.numel());
                json.WriteStartObject(key);
                json.WriteString("dtype", dtype);
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
}
