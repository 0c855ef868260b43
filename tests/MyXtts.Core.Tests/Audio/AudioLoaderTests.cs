using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Processing;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Audio;

public sealed class AudioLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_stereo_44k_clip_comes_back_mono_at_the_configured_rate_trimmed_and_under_the_ceiling()
    {
        var tone = Signals.Sine(500, 44100, 44100, 1.0);
        var mono = new float[22050].Concat(tone).Concat(new float[22050]).ToArray();
        var stereo = mono.SelectMany(v => new[] { v, v }).ToArray();
        var path = _dir.File("clip.wav");
        WavWriter.Write(path, stereo, 44100, channels: 2, WavSampleFormat.Float32);
        using var loader = new AudioLoader(new AudioLoadOptions { SampleRate = 22050, PeakCeiling = 0.9 });
        var audio = loader.Load(path);
        Assert.InRange(audio.Length, 22050, 22050 + 2 * 2048);
        Assert.True(audio.Max(Math.Abs) <= 0.9f + 1e-6f);
        Assert.InRange(Signals.ToneAmplitude(audio.AsSpan(2205, 17640), 500, 22050), 0.85, 0.95);
    }

    [Fact]
    public void Loudness_normalisation_is_applied_when_a_target_is_set()
    {
        using var loader = new AudioLoader(new AudioLoadOptions { SampleRate = 16000, Trim = null, TargetLufs = -23, PeakCeiling = null });
        var audio = loader.Process(Signals.Harmonic(150, 5, 16000, 32000, 0.9), 16000);
        Assert.Equal(32000, audio.Length);
        Assert.Equal(-23, LoudnessMeter.IntegratedLufs(audio, 16000)!.Value, 0.01);
    }

    [Fact]
    public void Decoding_failures_surface_as_audio_format_exceptions()
    {
        using var loader = new AudioLoader(new AudioLoadOptions());
        Assert.Throws<AudioFormatException>(() => loader.Load(_dir.Write("empty.wav", [])));
    }
}
