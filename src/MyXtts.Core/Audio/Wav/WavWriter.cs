using System.Buffers.Binary;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Audio.Wav;

/// <summary>Writes canonical RIFF/WAVE files atomically (temporary file renamed over the target).</summary>
public static class WavWriter
{
    /// <summary>Writes interleaved <paramref name="samples"/> (<paramref name="channels"/> per frame) to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate, int channels = 1,
        WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        var bytes = Encode(samples, sampleRate, channels, format);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The complete file image.</summary>
    public static byte[] Encode(ReadOnlySpan<float> samples, int sampleRate, int channels = 1,
        WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (samples.Length % channels != 0)
            throw new ArgumentException($"{samples.Length} interleaved samples do not divide into {channels} channels.", nameof(samples));
        bool isFloat = format == WavSampleFormat.Float32;
        int bytesPerSample = isFloat ? 4 : 2;
        int dataBytes = checked(samples.Length * bytesPerSample);
        // IEEE float files carry a 'fact' chunk (frame count) and an 18-byte fmt chunk, as the WAVE spec asks for non-PCM data.
        int fmtSize = isFloat ? 18 : 16, factSize = isFloat ? 12 : 0;
        var bytes = new byte[12 + 8 + fmtSize + factSize + 8 + dataBytes];
        var w = bytes.AsSpan();
        "RIFF"u8.CopyTo(w);
        BinaryPrimitives.WriteUInt32LittleEndian(w[4..], (uint)(bytes.Length - 8));
        "WAVE"u8.CopyTo(w[8..]);
        "fmt "u8.CopyTo(w[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(w[16..], (uint)fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(w[20..], (ushort)(isFloat ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(w[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(w[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(w[28..], (uint)(sampleRate * channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(w[32..], (ushort)(channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(w[34..], (ushort)(bytesPerSample * 8));
        int pos = 20 + fmtSize;   // the 18-byte float fmt ends with cbSize = 0, already zero
        if (isFloat)
        {
            "fact"u8.CopyTo(w[pos..]);
            BinaryPrimitives.WriteUInt32LittleEndian(w[(pos + 4)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(w[(pos + 8)..], (uint)(samples.Length / channels));
            pos += 12;
        }
        "data"u8.CopyTo(w[pos..]);
        BinaryPrimitives.WriteUInt32LittleEndian(w[(pos + 4)..], (uint)dataBytes);
        EncodeSamples(samples, w[(pos + 8)..], isFloat);
        return bytes;
    }

    private static void EncodeSamples(ReadOnlySpan<float> samples, Span<byte> data, bool isFloat)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            if (isFloat)
                BinaryPrimitives.WriteSingleLittleEndian(data[(4 * i)..], samples[i]);
            else
                BinaryPrimitives.WriteInt16LittleEndian(data[(2 * i)..], (short)MathF.Round(Math.Clamp(samples[i], -1f, 1f) * 32767f));
        }
    }
}
