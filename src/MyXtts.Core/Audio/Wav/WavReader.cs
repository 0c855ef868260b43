using System.Buffers.Binary;

namespace MyXtts.Core.Audio.Wav;

/// <summary>
/// A managed RIFF/WAVE decoder. It walks the chunks (skipping unknown ones, honouring odd-size padding), and treats a
/// data chunk whose size is 0, 0xFFFFFFFF or past the end of the file as "up to the end of the file", as streaming
/// recorders leave it. Only when no whole sample frame can be decoded does it throw.
/// </summary>
public static class WavReader
{
    /// <summary>True when the first 12 bytes are a little-endian RIFF/WAVE header.</summary>
    public static bool HasWavMagic(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>Decodes the WAV file at <paramref name="path"/>; throws <see cref="AudioFormatException"/> naming it.</summary>
    public static DecodedAudio Read(string path)
    {
        using var stream = AudioFileOpener.Open(path);
        return Read(stream, path);
    }

    /// <summary>Decodes a seekable WAV stream; <paramref name="path"/> names it in error messages.</summary>
    public static DecodedAudio Read(Stream stream, string path)
    {
        long length = stream.Length;
        Span<byte> header = stackalloc byte[12];
        if (length < 12 || !TryReadExactly(stream, header))
            throw new AudioFormatException(path, AudioErrorKind.TruncatedHeader,
                $"the file is {length} bytes, shorter than the 12-byte RIFF/WAVE header.");
        if (!HasWavMagic(header))
            throw new AudioFormatException(path, AudioErrorKind.NotAudio,
                $"not a WAV file: it starts with '{Printable(header[..4])}' / '{Printable(header.Slice(8, 4))}', not 'RIFF' / 'WAVE'.");
        var (format, dataOffset, dataLength) = ScanChunks(stream, length, path);
        return DecodeData(stream, path, format, dataOffset, dataLength);
    }

    private static (WavFormat Format, long DataOffset, long DataLength) ScanChunks(Stream stream, long length, string path)
    {
        WavFormat? format = null;
        long dataOffset = -1, dataLength = 0;
        Span<byte> chunk = stackalloc byte[8];
        long pos = 12;
        while (pos + 8 <= length && (format is null || dataOffset < 0))
        {
            stream.Position = pos;
            if (!TryReadExactly(stream, chunk)) break;
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            pos += 8;
            if (chunk[..4].SequenceEqual("fmt "u8))
                format = ReadFormat(stream, pos, size, length, path);
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                long available = length - pos;
                bool toEnd = size == 0 || size == uint.MaxValue || size > available;
                (dataOffset, dataLength) = (pos, toEnd ? available : size);
                if (toEnd) break;
            }
            pos += size + (size & 1);   // chunks are word-aligned: an odd size is followed by one pad byte
        }
        if (format is null)
            throw new AudioFormatException(path, AudioErrorKind.TruncatedHeader,
                "no WAV 'fmt ' chunk before the end of the file (truncated or damaged header).");
        if (dataOffset < 0)
            throw new AudioFormatException(path, AudioErrorKind.NoAudioData, "the WAV file has no 'data' chunk.");
        return (format, dataOffset, dataLength);
    }

    private static WavFormat ReadFormat(Stream stream, long pos, uint size, long length, string path)
    {
        if (pos + size > length)
            throw new AudioFormatException(path, AudioErrorKind.TruncatedHeader,
                $"the WAV 'fmt ' chunk declares {size} bytes but only {length - pos} remain in the file.");
        var fmt = new byte[Math.Min(size, 1024u)];
        stream.Position = pos;
        stream.ReadExactly(fmt);
        return WavFormatParser.Parse(fmt, path);
    }

    private static DecodedAudio DecodeData(Stream stream, string path, WavFormat format, long offset, long length)
    {
        long frames = length / format.BlockAlign;
        if (frames == 0)
            throw new AudioFormatException(path, AudioErrorKind.NoAudioData,
                $"the WAV 'data' chunk holds {length} bytes, less than one sample frame ({format.BlockAlign} bytes).");
        long bytes = frames * format.BlockAlign;
        if (bytes > Array.MaxLength)
            throw new AudioFormatException(path, AudioErrorKind.UnsupportedEncoding,
                $"the WAV data is {bytes} bytes; clips over {Array.MaxLength} bytes are not supported. Split the file.");
        var data = new byte[bytes];
        stream.Position = offset;
        stream.ReadExactly(data);
        var samples = WavSampleDecoder.Decode(data, format);
        if (format.Encoding is WavEncoding.Float32 or WavEncoding.Float64)
            EnsureFinite(samples, path);
        return new DecodedAudio(samples, format.SampleRate, format.Channels);
    }

    private static void EnsureFinite(float[] samples, string path)
    {
        for (int i = 0; i < samples.Length; i++)
            if (!float.IsFinite(samples[i]))
                throw new AudioFormatException(path, AudioErrorKind.NoAudioData,
                    $"sample {i} is {samples[i]}; a float WAV must hold finite values.");
    }

    private static bool TryReadExactly(Stream stream, Span<byte> buffer)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        string.Concat(bytes.ToArray().Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}"));
}
