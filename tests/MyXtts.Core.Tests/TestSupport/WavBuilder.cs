using System.Buffers.Binary;
using System.Text;

namespace MyXtts.Core.Tests.TestSupport;

/// <summary>Builds RIFF/WAVE byte images chunk by chunk, including malformed ones, for decoder tests.</summary>
public sealed class WavBuilder
{
    private readonly List<byte[]> _chunks = [];
    private uint? _riffSize;

    /// <summary>A standard 16-byte fmt chunk.</summary>
    public WavBuilder Fmt(ushort tag, int channels, int rate, int bitsPerSample, int? blockAlign = null)
    {
        int align = blockAlign ?? channels * ((bitsPerSample + 7) / 8);
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bitsPerSample);
        return Chunk("fmt ", fmt);
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with subformat <paramref name="subTag"/> (1 PCM, 3 float).</summary>
    public WavBuilder FmtExtensible(ushort subTag, int channels, int rate, int containerBits, int validBits)
    {
        int align = channels * containerBits / 8;
        var fmt = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)containerBits);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), channels == 1 ? 0x4u : 0x3u);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), subTag);
        byte[] suffix = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        suffix.CopyTo(fmt, 26);
        return Chunk("fmt ", fmt);
    }

    /// <summary>A chunk with the true size of <paramref name="body"/> (plus a pad byte when odd), or a declared size that lies.</summary>
    public WavBuilder Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        var chunk = new byte[8 + body.Length + (declaredSize is null && body.Length % 2 == 1 ? 1 : 0)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), declaredSize ?? (uint)body.Length);
        body.CopyTo(chunk, 8);
        _chunks.Add(chunk);
        return this;
    }

    /// <summary>A data chunk of <paramref name="body"/>, optionally declaring another size (0, 0xFFFFFFFF, too large...).</summary>
    public WavBuilder Data(byte[] body, uint? declaredSize = null) => Chunk("data", body, declaredSize);

    /// <summary>Little-endian 16-bit samples.</summary>
    public static byte[] Int16(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        return bytes;
    }

    /// <summary>Overrides the RIFF size field (streaming writers leave 0 or 0xFFFFFFFF there).</summary>
    public WavBuilder RiffSize(uint size)
    {
        _riffSize = size;
        return this;
    }

    /// <summary>The file image.</summary>
    public byte[] Build()
    {
        var body = _chunks.SelectMany(c => c).ToArray();
        var bytes = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), _riffSize ?? (uint)(4 + body.Length));
        "WAVE"u8.CopyTo(bytes.AsSpan(8));
        body.CopyTo(bytes, 12);
        return bytes;
    }
}
