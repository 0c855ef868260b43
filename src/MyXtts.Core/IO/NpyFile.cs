using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0; little-endian float32, float64, int32,
/// int64; C order). Writes are atomic: a temporary file beside the target is renamed over it.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the whole array. Throws <see cref="NpyFormatException"/> naming the file for anything unreadable.</summary>
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NpyFormatException($"{path}: cannot read the file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses an in-memory <c>.npy</c> image; <paramref name="source"/> names it in error messages.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw new NpyFormatException($"{source}: not a .npy file (no \\x93NUMPY magic in the first 6 bytes).");
        int major = bytes[6];
        (int lengthSize, Encoding encoding) = major switch
        {
            1 => (2, Encoding.Latin1),
            2 => (4, Encoding.Latin1),
            3 => (4, Encoding.UTF8),
            _ => throw new NpyFormatException($"{source}: .npy format version {major}.{bytes[7]} is not supported (1.0, 2.0 and 3.0 are)."),
        };
        int prefix = 8 + lengthSize;
        if (bytes.Length < prefix)
            throw new NpyFormatException($"{source}: truncated .npy header ({bytes.Length} bytes).");
        long headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (prefix + headerLength > bytes.Length)
            throw new NpyFormatException($"{source}: truncated .npy header (needs {prefix + headerLength} bytes, file has {bytes.Length}).");
        var header = encoding.GetString(bytes.Slice(prefix, (int)headerLength));
        var (dtype, shape) = NpyHeader.Parse(header, source);
        return new NpyArray(ReadData(bytes[(prefix + (int)headerLength)..], dtype, shape, source), shape);
    }

    /// <summary>Writes <paramref name="array"/> atomically (format 1.0, or 2.0 when the header needs it).</summary>
    public static void Write(string path, NpyArray array) => AtomicFile.Write(path, stream => WriteTo(stream, array));

    /// <summary>Writes float32 <paramref name="data"/> with <paramref name="shape"/> atomically.</summary>
    public static void Write(string path, float[] data, params long[] shape) => Write(path, new NpyArray(data, shape));

    /// <summary>Writes the <c>.npy</c> image to <paramref name="stream"/>.</summary>
    public static void WriteTo(Stream stream, NpyArray array)
    {
        var dict = NpyHeader.Format(array.DType, array.Shape);
        // numpy pads the header with spaces so the data starts on a 64-byte boundary, ending it with '\n'.
        int version = dict.Length + 1 + 10 <= ushort.MaxValue ? 1 : 2;
        int prefix = version == 1 ? 10 : 12;
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        var header = Encoding.Latin1.GetBytes(dict.PadRight(total - prefix - 1) + "\n");
        stream.Write(Magic);
        stream.Write([(byte)version, 0]);
        Span<byte> length = stackalloc byte[4];
        if (version == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
        stream.Write(length[..(version == 1 ? 2 : 4)]);
        stream.Write(header);
        stream.Write(DataBytes(array.Data));
    }

    private static Array ReadData(ReadOnlySpan<byte> data, NpyDType dtype, long[] shape, string source)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        long needed = count * NpyDTypes.ItemSize(dtype);
        if (data.Length < needed)
            throw new NpyFormatException(
                $"{source}: truncated .npy data: shape ({string.Join(", ", shape)}) needs {needed} bytes, the file holds {data.Length}.");
        var raw = data[..(int)needed];
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The .npy reader assumes a little-endian machine.");
        return dtype switch
        {
            NpyDType.Float32 => MemoryMarshal.Cast<byte, float>(raw).ToArray(),
            NpyDType.Float64 => MemoryMarshal.Cast<byte, double>(raw).ToArray(),
            NpyDType.Int32 => MemoryMarshal.Cast<byte, int>(raw).ToArray(),
            _ => MemoryMarshal.Cast<byte, long>(raw).ToArray(),
        };
    }

    private static ReadOnlySpan<byte> DataBytes(Array data) => data switch
    {
        float[] f => MemoryMarshal.AsBytes(f.AsSpan()),
        double[] d => MemoryMarshal.AsBytes(d.AsSpan()),
        int[] i => MemoryMarshal.AsBytes(i.AsSpan()),
        long[] l => MemoryMarshal.AsBytes(l.AsSpan()),
        _ => throw new InvalidOperationException("unreachable: NpyArray holds only the four supported element types"),
    };
}
