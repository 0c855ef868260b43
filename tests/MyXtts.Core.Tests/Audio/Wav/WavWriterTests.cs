using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Audio.Wav;

public sealed class WavWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Pcm16_round_trips_within_one_quantisation_step()
    {
        var samples = Signals.Sine(440, 16000, 1600, 0.8);
        var path = _dir.File("pcm.wav");
        WavWriter.Write(path, samples, 16000);
        var audio = WavReader.Read(path);
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(samples.Length, audio.Frames);
        Assert.All(samples.Zip(audio.Interleaved), p => Assert.InRange(p.First - p.Second, -1.5f / 32768, 1.5f / 32768));
    }

    [Fact]
    public void Float32_round_trips_exactly_with_its_channels()
    {
        float[] samples = [0.1f, -0.2f, 0.3f, -0.4f, 1.5f, -2f];
        var path = _dir.File("float.wav");
        WavWriter.Write(path, samples, 24000, channels: 2, WavSampleFormat.Float32);
        var audio = WavReader.Read(path);
        Assert.Equal(samples, audio.Interleaved);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(24000, audio.SampleRate);
    }

    [Fact]
    public void Pcm16_clips_samples_outside_full_scale()
    {
        var path = _dir.File("clip.wav");
        WavWriter.Write(path, [2f, -3f], 8000);
        Assert.Equal([32767f / 32768, -32767f / 32768], WavReader.Read(path).Interleaved);
    }

    [Fact]
    public void Writing_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        var path = _dir.File("out.wav");
        File.WriteAllText(path, "old content");
        WavWriter.Write(path, new float[100], 16000);
        Assert.Equal(100, WavReader.Read(path).Frames);
        Assert.Equal(["out.wav"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_sample_count_that_does_not_divide_into_the_channels_is_rejected() =>
        Assert.Throws<ArgumentException>(() => WavWriter.Encode(new float[3], 16000, channels: 2));
}
