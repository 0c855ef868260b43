namespace MyXtts.Core.Audio.Wav;

/// <summary>The sample encodings the managed WAV reader decodes.</summary>
internal enum WavEncoding
{
    /// <summary>8-bit PCM, unsigned with 128 as zero.</summary>
    PcmUnsigned8,
    /// <summary>16/24/32-bit PCM, signed two's complement (valid bits left-justified in the container).</summary>
    PcmSigned,
    /// <summary>IEEE float32.</summary>
    Float32,
    /// <summary>IEEE float64.</summary>
    Float64,
}

/// <summary>What the <c>fmt </c> chunk says about the samples.</summary>
internal sealed record WavFormat(WavEncoding Encoding, int Channels, int SampleRate, int BytesPerSample)
{
    public int BlockAlign => Channels * BytesPerSample;
}
