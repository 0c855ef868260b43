using System.Buffers.Binary;

namespace MyXtts.Core.Audio.Wav;

/// <summary>Converts raw little-endian WAV sample bytes to float32 (integers scaled by 2^(bits-1), so in [-1, 1)).</summary>
internal static class WavSampleDecoder
{
    public static float[] Decode(ReadOnlySpan<byte> data, WavFormat format)
    {
        int n = data.Length / format.BytesPerSample;
        var samples = new float[n];
        switch (format.Encoding)
        {
            case WavEncoding.PcmUnsigned8:
                for (int i = 0; i < n; i++) samples[i] = (data[i] - 128) / 128f;
                break;
            case WavEncoding.PcmSigned:
                DecodeSigned(data, format.BytesPerSample, samples);
                break;
            case WavEncoding.Float32:
                for (int i = 0; i < n; i++) samples[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
                break;
            case WavEncoding.Float64:
                for (int i = 0; i < n; i++) samples[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]);
                break;
        }
        return samples;
    }

    private static void DecodeSigned(ReadOnlySpan<byte> data, int bytes, float[] samples)
    {
        switch (bytes)
        {
            case 2:
                for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]) / 32768f;
                break;
            case 3:
                for (int i = 0, o = 0; i < samples.Length; i++, o += 3)
                {
                    int v = (data[o] << 8) | (data[o + 1] << 16) | (data[o + 2] << 24);   // left-align, then sign-extend
                    samples[i] = (float)((v >> 8) / 8388608.0);
                }
                break;
            default:
                for (int i = 0; i < samples.Length; i++)
                    samples[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]) / 2147483648.0);
                break;
        }
    }
}
