using MyXtts.Checkpoints.IO;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Safetensors;

/// <summary>
/// Hugging Face safetensors, the one implementation in MyXtts: an 8-byte little-endian header size, a JSON header
/// (<c>{"__metadata__": {..}, "name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}</c>) padded with
/// spaces to a multiple of 8 bytes, then the raw little-endian tensor bytes. Pure data by design, so it is the preferred
/// export format. Dtypes: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL. Damaged files raise
/// <see cref="CheckpointFormatException"/> naming the file and the tensor.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Reads every tensor (in header order) and the metadata; <see cref="Checkpoint.Root"/> is a dict of name → tensor.</summary>
    public static Checkpoint Read(string path)
    {
        using var reader = Open(path);
        return reader.ReadTensors();
    }

    /// <summary>
    /// Reads every tensor of the safetensors bytes <paramref name="file"/> (e.g. a section of a larger container);
    /// <paramref name="name"/> stands for them in errors and as <see cref="Checkpoint.Path"/>.
    /// </summary>
    public static Checkpoint Read(byte[] file, string name)
    {
        using var reader = SafetensorsReader.Open(file, name);
        return reader.ReadTensors();
    }

    /// <summary>The <c>__metadata__</c> strings of <paramref name="path"/> (empty when it has none), without reading the tensors.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var reader = Open(path);
        return reader.Metadata;
    }

    /// <summary>Opens <paramref name="path"/> and reads its header once: metadata now, tensors when asked.</summary>
    public static SafetensorsReader Open(string path) => SafetensorsReader.Open(path);

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device and layout; copied to contiguous CPU memory) and optional string
    /// <paramref name="metadata"/> to <paramref name="path"/>, creating its folder. Written to a temporary file in the same
    /// folder and renamed over the target, so readers never see a half-written file.
    /// </summary>
    /// <exception cref="ArgumentException">A dtype the format cannot hold, a repeated name, or a tensor named <c>__metadata__</c>.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null,
        SafetensorsOrder order = SafetensorsOrder.AsGiven)
        => AtomicFile.Write(path, stream => SafetensorsWriter.Write(stream, tensors, metadata, order));

    /// <summary>Writes the same bytes as <see cref="Write(string, IEnumerable{KeyValuePair{string, Tensor}}, IReadOnlyDictionary{string, string}?, SafetensorsOrder)"/> to <paramref name="stream"/>, from its current position.</summary>
    /// <exception cref="ArgumentException">A dtype the format cannot hold, a repeated name, or a tensor named <c>__metadata__</c>.</exception>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null,
        SafetensorsOrder order = SafetensorsOrder.AsGiven) =>
        SafetensorsWriter.Write(stream, tensors, metadata, order);
}
