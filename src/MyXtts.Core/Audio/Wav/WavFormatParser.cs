using System.Buffers.Binary;

namespace MyXtts.Core.Audio.Wav;

/// <summary>Reads the <c>fmt </c> chunk: PCM, IEEE float and WAVE_FORMAT_EXTENSIBLE with either subformat.</summary>
internal static class WavFormatParser
{
    private const ushort TagPcm = 0x0001, TagFloat = 0x0003, TagExtensible = 0xFFFE;

    // KSDATAFORMAT_SUBTYPE_* GUIDs are {tag}-0000-0010-8000-00AA00389B71: bytes 2..15 of the GUID are fixed.
    private static readonly byte[] SubformatSuffix = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public static WavFormat Parse(ReadOnlySpan<byte> fmt, string path)
    {
        if (fmt.Length < 16)
            throw new AudioFormatException(path, AudioErrorKind.TruncatedHeader,
                $"the WAV 'fmt ' chunk is {fmt.Length} bytes; at least 16 are needed.");
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (channels == 0 || rate == 0 || rate > int.MaxValue)
            throw new AudioFormatException(path, AudioErrorKind.UnsupportedEncoding,
                $"the WAV header declares {channels} channel(s) at {rate} Hz; both must be positive.");
        if (tag == TagExtensible) tag = ExtensibleSubformat(fmt, path);
        // The container size per sample comes from the block alignment when it is consistent, else from the bit depth.
        int bytesPerSample = blockAlign > 0 && blockAlign % channels == 0 ? blockAlign / channels : (bits + 7) / 8;
        var encoding = (tag, bytesPerSample) switch
        {
            (TagPcm, 1) => WavEncoding.PcmUnsigned8,
            (TagPcm, 2 or 3 or 4) => WavEncoding.PcmSigned,
            (TagFloat, 4) => WavEncoding.Float32,
            (TagFloat, 8) => WavEncoding.Float64,
            _ => throw new AudioFormatException(path, AudioErrorKind.UnsupportedEncoding,
                $"WAV encoding {Describe(tag)} with {bytesPerSample}-byte samples is not supported; supported: PCM 8/16/24/32-bit and " +
                "IEEE float 32/64-bit. Install libsndfile (apt-get install libsndfile1) to decode other WAV encodings, or convert the file " +
                "(e.g. ffmpeg -i in.wav -c:a pcm_s16le out.wav)."),
        };
        return new WavFormat(encoding, channels, (int)rate, bytesPerSample);
    }

    private static ushort ExtensibleSubformat(ReadOnlySpan<byte> fmt, string path)
    {
        if (fmt.Length < 40)
            throw new AudioFormatException(path, AudioErrorKind.TruncatedHeader,
                $"the WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is {fmt.Length} bytes; 40 are needed.");
        var guid = fmt.Slice(24, 16);
        if (!guid[2..].SequenceEqual(SubformatSuffix))
            throw new AudioFormatException(path, AudioErrorKind.UnsupportedEncoding,
                $"WAVE_FORMAT_EXTENSIBLE subformat {new Guid(guid)} is not PCM or IEEE float.");
        return BinaryPrimitives.ReadUInt16LittleEndian(guid);
    }

    private static string Describe(ushort tag) => tag switch
    {
        TagPcm => "PCM",
        TagFloat => "IEEE float",
        0x0002 => "0x0002 (Microsoft ADPCM)",
        0x0006 => "0x0006 (A-law)",
        0x0007 => "0x0007 (mu-law)",
        0x0011 => "0x0011 (IMA ADPCM)",
        0x0055 => "0x0055 (MPEG layer 3)",
        _ => $"0x{tag:X4}",
    };
}
