using MyXtts.Abstractions.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Audio.Pitch;
using MyXtts.Core.Evaluation.Signal;
using MyXtts.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Audio.Pitch;

public class YinPitchTrackerTests
{
    private const int Rate = 22050;
    private readonly YinPitchTracker _tracker = new();

    [Theory]
    [InlineData(82.0)]
    [InlineData(120.0)]
    [InlineData(220.0)]
    [InlineData(440.0)]
    public void A_pure_tone_is_voiced_at_its_frequency_within_one_percent(double hz)
    {
        var track = _tracker.Track(Signals.Sine(hz, Rate, Rate / 2, amplitude: 0.5));
        var inner = Enumerable.Range(4, track.Frames - 8).ToArray();   // frames whose window lies inside the tone
        Assert.All(inner, t => Assert.True(track.Voiced[t], $"frame {t} unvoiced"));
        Assert.All(inner, t => Assert.InRange(track.F0[t], hz * 0.99, hz * 1.01));
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(175.0)]
    [InlineData(310.0)]
    public void A_harmonic_tone_is_tracked_at_its_fundamental_not_a_harmonic(double hz)
    {
        var track = _tracker.Track(Signals.Harmonic(hz, 10, Rate, Rate / 2));
        var inner = Enumerable.Range(4, track.Frames - 8).Select(t => track.F0[t]).ToArray();
        Assert.All(inner, f => Assert.InRange(f, hz * 0.99, hz * 1.01));
    }

    [Fact]
    public void Silence_is_unvoiced()
    {
        var track = _tracker.Track(new float[Rate / 2]);
        Assert.All(track.Voiced, Assert.False);
        Assert.All(track.F0, f => Assert.Equal(0f, f));
    }

    [Fact]
    public void White_noise_is_unvoiced()
    {
        var random = new Random(3);
        var noise = Enumerable.Range(0, Rate / 2).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var track = _tracker.Track(noise);
        Assert.True(track.VoicedFrames <= track.Frames / 20, $"{track.VoicedFrames} of {track.Frames} noise frames voiced");
    }

    [Fact]
    public void A_tone_then_silence_is_voiced_then_unvoiced_and_the_voicing_error_against_the_tone_alone_is_the_silent_share()
    {
        var tone = Signals.Harmonic(150, 8, Rate, Rate / 2);
        var toneThenSilence = tone.Concat(new float[Rate / 2]).ToArray();
        var track = _tracker.Track(toneThenSilence);
        int half = track.Frames / 2;
        Assert.All(Enumerable.Range(4, half - 8), t => Assert.True(track.Voiced[t]));
        Assert.All(Enumerable.Range(half + 4, track.Frames - half - 4), t => Assert.False(track.Voiced[t]));

        var toneThroughout = _tracker.Track(Signals.Harmonic(150, 8, Rate, Rate));
        var errors = PitchErrors.Compare(track, toneThroughout, PitchErrors.LengthAligned(track.Frames, toneThroughout.Frames));
        Assert.InRange(errors.VoicingErrorRate, 0.45, 0.55);
        Assert.InRange(errors.RmseHz, 0, 1.5);
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(22050 + 100)]
    [InlineData(1000)]
    [InlineData(255)]
    public void The_track_has_one_frame_per_mel_frame(int samples)
    {
        using var mel = new MelSpectrogram(new MelSettings());
        Assert.Equal(mel.FrameCount(samples), _tracker.Track(new float[samples]).Frames);
    }

    [Fact]
    public void Frames_are_centred_on_the_mel_frame_centres()
    {
        // A tone that starts at sample 10·256: frame t is centred on t·256 + 128, so frame 10 still sees half silence
        // and frame 14 (window fully inside) is voiced; nothing before frame 6 can see the tone.
        var x = new float[Rate / 2];
        Signals.Harmonic(200, 6, Rate, x.Length - 2560).CopyTo(x, 2560);
        var track = _tracker.Track(x);
        Assert.All(Enumerable.Range(0, 6), t => Assert.False(track.Voiced[t]));
        Assert.True(track.Voiced[14]);
    }

    [Fact]
    public void Impossible_settings_are_refused_with_the_reason() =>
        Assert.Contains("FMin", Assert.Throws<ArgumentException>(() => new YinPitchTracker(new YinOptions { FMin = 900 })).Message);
}
