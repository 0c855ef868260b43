using System.Buffers.Binary;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Audio.Wav;

public sealed class WavReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Pcm16_samples_are_scaled_by_32768()
    {
        var audio = Read(new WavBuilder().Fmt(1, 1, 16000, 16).Data(WavBuilder.Int16(0, 16384, -32768, 32767)));
        Assert.Equal([0f, 0.5f, -1f, 32767f / 32768], audio.Interleaved);
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(1, audio.Channels);
    }

    [Fact]
    public void Pcm8_samples_are_unsigned_around_128()
    {
        var audio = Read(new WavBuilder().Fmt(1, 1, 8000, 8).Data([0, 128, 255, 64]));
        Assert.Equal([-1f, 0f, 127f / 128, -0.5f], audio.Interleaved);
    }

    [Fact]
    public void Pcm24_samples_are_sign_extended_and_scaled_by_2_to_the_23()
    {
        var audio = Read(new WavBuilder().Fmt(1, 1, 48000, 24).Data([0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x00, 0x00, 0x40, 0xFF, 0xFF, 0xFF]));
        Assert.Equal([-1f, 8388607f / 8388608, 0.5f, -1f / 8388608], audio.Interleaved);
    }

    [Fact]
    public void Pcm32_samples_are_scaled_by_2_to_the_31()
    {
        var data = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(data, int.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), 1 << 30);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(8), -(1 << 29));
        Assert.Equal([-1f, 0.5f, -0.25f], Read(new WavBuilder().Fmt(1, 1, 44100, 32).Data(data)).Interleaved);
    }

    [Fact]
    public void Float32_and_float64_samples_are_read_as_stored()
    {
        var f32 = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(f32, 0.25f);
        BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(4), -0.75f);
        var f64 = new byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(f64, 0.125);
        BinaryPrimitives.WriteDoubleLittleEndian(f64.AsSpan(8), -1.0);
        Assert.Equal([0.25f, -0.75f], Read(new WavBuilder().Fmt(3, 1, 22050, 32).Data(f32)).Interleaved);
        Assert.Equal([0.125f, -1f], Read(new WavBuilder().Fmt(3, 1, 22050, 64).Data(f64)).Interleaved);
    }

    [Fact]
    public void Wave_format_extensible_pcm_with_24_valid_bits_in_32_bit_containers_is_decoded()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(data, 0x40000000);            // 0.5 left-justified
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), unchecked((int)0xC0000000)); // -0.5
        var audio = Read(new WavBuilder().FmtExtensible(1, 2, 96000, 32, 24).Data(data));
        Assert.Equal([0.5f, -0.5f], audio.Interleaved);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(96000, audio.SampleRate);
    }

    [Fact]
    public void Wave_format_extensible_float_is_decoded()
    {
        var data = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(data, -0.5f);
        Assert.Equal([-0.5f], Read(new WavBuilder().FmtExtensible(3, 1, 16000, 32, 32).Data(data)).Interleaved);
    }

    [Fact]
    public void Any_channel_count_is_kept_interleaved_and_downmixed_by_averaging()
    {
        var audio = Read(new WavBuilder().Fmt(1, 3, 8000, 16).Data(WavBuilder.Int16(16384, 0, -16384, 8192, 8192, 8192)));
        Assert.Equal(3, audio.Channels);
        Assert.Equal(2, audio.Frames);
        Assert.Equal([0f, 0.25f], audio.ToMono());
    }

    [Fact]
    public void Unknown_and_odd_sized_chunks_are_skipped_with_their_pad_byte()
    {
        var bytes = new WavBuilder()
            .Chunk("JUNK", new byte[3])
            .Fmt(1, 1, 16000, 16)
            .Chunk("LIST", "INFOabc"u8.ToArray())
            .Data(WavBuilder.Int16(100, -100))
            .Chunk("id3 ", new byte[5])
            .Build();
        Assert.Equal([100f / 32768, -100f / 32768], Read(bytes).Interleaved);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(1_000_000u)]
    public void A_data_size_of_zero_all_ones_or_past_the_end_reads_to_the_end_of_the_file(uint declared)
    {
        var audio = Read(new WavBuilder().RiffSize(declared).Fmt(1, 1, 16000, 16).Data(WavBuilder.Int16(1, 2, 3), declared));
        Assert.Equal(3, audio.Frames);
    }

    [Fact]
    public void A_trailing_partial_frame_is_dropped()
    {
        var data = WavBuilder.Int16(1000, 2000, 3000).Take(5).ToArray();   // 2 stereo frames would need 8 bytes; 1 complete
        var audio = Read(new WavBuilder().Fmt(1, 2, 16000, 16).Data(data, 0));
        Assert.Equal(1, audio.Frames);
    }

    [Fact]
    public void Data_before_fmt_is_still_decoded()
    {
        var audio = Read(new WavBuilder().Data(WavBuilder.Int16(-16384)).Fmt(1, 1, 16000, 16));
        Assert.Equal([-0.5f], audio.Interleaved);
    }

    [Fact]
    public void A_header_shorter_than_12_bytes_is_a_truncated_header() =>
        AssertFails("RIFF\x10\0\0\0WA"u8.ToArray(), AudioErrorKind.TruncatedHeader, "12-byte");

    [Fact]
    public void A_fmt_chunk_cut_by_the_end_of_the_file_is_a_truncated_header()
    {
        var bytes = new WavBuilder().Fmt(1, 1, 16000, 16).Build()[..28];
        AssertFails(bytes, AudioErrorKind.TruncatedHeader, "'fmt '");
    }

    [Fact]
    public void A_file_without_fmt_chunk_is_a_truncated_header() =>
        AssertFails(new WavBuilder().Chunk("LIST", new byte[4]).Build(), AudioErrorKind.TruncatedHeader, "no WAV 'fmt '");

    [Fact]
    public void A_file_without_data_chunk_has_no_audio_data() =>
        AssertFails(new WavBuilder().Fmt(1, 1, 16000, 16).Build(), AudioErrorKind.NoAudioData, "no 'data' chunk");

    [Fact]
    public void A_data_chunk_shorter_than_one_frame_has_no_audio_data() =>
        AssertFails(new WavBuilder().Fmt(1, 2, 16000, 16).Data([1, 2, 3]).Build(), AudioErrorKind.NoAudioData, "less than one sample frame");

    [Fact]
    public void A_float_wav_holding_nan_has_no_audio_data()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), float.NaN);
        AssertFails(new WavBuilder().Fmt(3, 1, 16000, 32).Data(data).Build(), AudioErrorKind.NoAudioData, "finite");
    }

    [Theory]
    [InlineData((ushort)0x0002, 4, "ADPCM")]
    [InlineData((ushort)0x0001, 40, "PCM")]
    [InlineData((ushort)0x0003, 16, "IEEE float")]
    public void Encodings_the_managed_reader_lacks_are_unsupported_and_named(ushort tag, int bits, string named) =>
        AssertFails(new WavBuilder().Fmt(tag, 1, 16000, bits).Data(new byte[64]).Build(), AudioErrorKind.UnsupportedEncoding, named);

    [Fact]
    public void Pcm_with_12_valid_bits_in_16_bit_containers_is_read_as_16_bit()
    {
        var audio = Read(new WavBuilder().Fmt(1, 1, 16000, 12, blockAlign: 2).Data(WavBuilder.Int16(unchecked((short)0x8000), 0x4000)));
        Assert.Equal([-1f, 0.5f], audio.Interleaved);
    }

    [Fact]
    public void Zero_channels_are_rejected() =>
        AssertFails(new WavBuilder().Fmt(1, 0, 16000, 16, blockAlign: 2).Data(new byte[4]).Build(), AudioErrorKind.UnsupportedEncoding, "0 channel");

    [Fact]
    public void A_riff_file_that_is_not_wave_is_not_audio()
    {
        var bytes = new WavBuilder().Fmt(1, 1, 16000, 16).Data(new byte[4]).Build();
        "AVI "u8.CopyTo(bytes.AsSpan(8));
        AssertFails(bytes, AudioErrorKind.NotAudio, "not a WAV file");
    }

    private DecodedAudio Read(WavBuilder builder) => Read(builder.Build());

    private DecodedAudio Read(byte[] bytes) => WavReader.Read(_dir.Write("clip.wav", bytes));

    private void AssertFails(byte[] bytes, AudioErrorKind kind, string cause)
    {
        var path = _dir.Write("bad.wav", bytes);
        var error = Assert.Throws<AudioFormatException>(() => WavReader.Read(path));
        Assert.Equal(kind, error.Kind);
        Assert.StartsWith(path, error.Message);
        Assert.Contains(cause, error.Message);
    }
}
