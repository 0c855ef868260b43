using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Speakers;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Speakers;

public sealed class SpeakerClipLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_stereo_file_is_downmixed_and_keeps_its_own_rate_until_resampled()
    {
        var path = _dir.File("stereo.wav");
        WavWriter.Write(path, [0.5f, 0.1f, -0.5f, -0.1f, 0.2f, 0.4f], 8000, channels: 2);

        var clip = SpeakerClipLoader.Decode(path);

        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal(8000, clip.SourceSampleRate);
        Assert.Equal([0.3f, -0.3f, 0.3f], clip.Samples.Select(s => MathF.Round(s, 3)));
    }

    [Fact]
    public void Resampling_changes_the_rate_and_length_but_not_the_tone()
    {
        var path = _dir.File("tone.wav");
        WavWriter.Write(path, Signals.Sine(440, 22050, 22050, amplitude: 0.5), 22050);
        using var loader = new SpeakerClipLoader();

        var clip = loader.Resample(SpeakerClipLoader.Decode(path), 16000);

        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(22050, clip.SourceSampleRate);
        Assert.Equal(16000, clip.Samples.Length);
        Assert.Equal(1.0, clip.Seconds, 6);
        var expected = Signals.Sine(440, 16000, 16000, amplitude: 0.5);
        var middle = Enumerable.Range(1000, 14000);
        Assert.True(middle.Max(n => Math.Abs(clip.Samples[n] - expected[n])) < 2e-3);
    }

    [Fact]
    public void A_file_that_is_not_audio_fails_naming_the_file()
    {
        var path = _dir.Write("notes.wav", "hello"u8.ToArray());

        var e = Assert.Throws<AudioFormatException>(() => SpeakerClipLoader.DecodeAll([path]));

        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message);
    }
}
