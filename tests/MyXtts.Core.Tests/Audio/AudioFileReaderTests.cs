using MyXtts.Core.Audio;
using MyXtts.Core.Audio.SndFile;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Audio;

public sealed class AudioFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_zero_length_file_is_reported_as_empty() =>
        AssertFails(_dir.Write("empty.wav", []), AudioErrorKind.Empty, "empty");

    [Fact]
    public void A_directory_named_like_a_wav_is_reported_as_a_directory()
    {
        var path = _dir.File("x.wav");
        Directory.CreateDirectory(path);
        AssertFails(path, AudioErrorKind.IsDirectory, "directory");
    }

    [Fact]
    public void A_missing_file_is_reported_as_not_found() =>
        AssertFails(_dir.File("missing.wav"), AudioErrorKind.NotFound, "no such file");

    [Fact]
    public void A_text_file_with_a_wav_extension_is_not_audio() =>
        AssertFails(_dir.Write("notes.wav", "this is not audio at all, just text"u8.ToArray()), AudioErrorKind.NotAudio, "");

    [Fact]
    public void A_truncated_riff_header_is_reported_as_truncated() =>
        AssertFails(_dir.Write("cut.wav", "RIFF\0\0"u8.ToArray()), AudioErrorKind.TruncatedHeader, "header");

    [Fact]
    public void A_data_chunk_running_past_the_end_of_the_file_decodes_what_is_there()
    {
        var bytes = new WavBuilder().Fmt(1, 1, 22050, 16).Data(WavBuilder.Int16(1, 2, 3, 4), declaredSize: 44100).Build();
        var (samples, rate) = AudioFileReader.ReadMono(_dir.Write("cut-data.wav", bytes));
        Assert.Equal(4, samples.Length);
        Assert.Equal(22050, rate);
    }

    [Fact]
    public void The_format_is_recognised_by_content_not_by_extension()
    {
        var bytes = new WavBuilder().Fmt(1, 2, 16000, 16).Data(WavBuilder.Int16(16384, 0)).Build();
        var audio = AudioFileReader.Read(_dir.Write("mislabelled.flac", bytes));
        Assert.Equal(2, audio.Channels);
        Assert.Equal([0.25f], audio.ToMono());
    }

    [LibSndFileFact]
    public void Flac_is_decoded_through_libsndfile_with_its_channels_and_rate()
    {
        var left = Signals.Sine(440, 16000, 4000, 0.5);
        var right = Signals.Sine(880, 16000, 4000, 0.25);
        var interleaved = left.Zip(right).SelectMany(p => new[] { p.First, p.Second }).ToArray();
        var path = _dir.File("tone.flac");
        SndFileWriter.Write(path, interleaved, 16000, 2, SndFileWriter.Flac16);
        var audio = AudioFileReader.Read(path);
        Assert.Equal((16000, 2, 4000), (audio.SampleRate, audio.Channels, audio.Frames));
        Assert.All(interleaved.Zip(audio.Interleaved), p => Assert.InRange(p.First - p.Second, -2f / 32768, 2f / 32768));
    }

    [LibSndFileFact]
    public void Ogg_vorbis_is_decoded_through_libsndfile()
    {
        var path = _dir.File("tone.ogg");
        SndFileWriter.Write(path, Signals.Sine(1000, 22050, 22050, 0.5), 22050, 1, SndFileWriter.OggVorbis);
        var (samples, rate) = AudioFileReader.ReadMono(path);
        Assert.Equal(22050, rate);
        Assert.InRange(Signals.ToneAmplitude(samples.AsSpan(2205, 17640), 1000, 22050), 0.45, 0.55);
    }

    [LibSndFileFact]
    public void A_truncated_flac_is_reported_naming_the_file()
    {
        var path = _dir.File("cut.flac");
        SndFileWriter.Write(path, Signals.Sine(440, 16000, 4000), 16000, 1, SndFileWriter.Flac16);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..20]);
        var error = Assert.Throws<AudioFormatException>(() => AudioFileReader.Read(path));
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Without_libsndfile_a_flac_fails_naming_the_file_and_the_install_command()
    {
        var path = _dir.Write("tone.flac", "fLaC\0\0\0\x22"u8.ToArray());
        var error = Assert.Throws<AudioFormatException>(() => SndFileReader.Read(path, "FLAC", library: null));
        Assert.Equal(AudioErrorKind.DecoderMissing, error.Kind);
        Assert.StartsWith(path, error.Message);
        Assert.Contains("FLAC", error.Message);
        Assert.Contains("apt-get install libsndfile1", error.Message);
    }

    private static void AssertFails(string path, AudioErrorKind kind, string cause)
    {
        var error = Assert.Throws<AudioFormatException>(() => AudioFileReader.Read(path));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path, error.Message);
        Assert.Contains(cause, error.Message);
    }
}
