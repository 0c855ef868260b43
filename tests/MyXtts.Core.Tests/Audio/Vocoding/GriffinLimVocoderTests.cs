using System.Reflection;
using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Audio.Vocoding;

public class GriffinLimVocoderTests
{
    private static readonly MelSettings Settings = new();

    [Fact]
    public void Griffin_lim_on_the_true_magnitude_of_a_harmonic_signal_converges()
    {
        using var scope = NewDisposeScope();
        using var stft = new PaddedStft(Settings);
        var signal = tensor(Signals.Harmonic(220, 12, 22050, 64 * 256)).unsqueeze(0);
        var magnitude = stft.Forward(signal).abs();
        var audio = GriffinLim.Reconstruct(magnitude, stft, iterations: 60, momentum: 0.99, seed: 0);
        double convergence = GriffinLim.SpectralConvergence(audio, magnitude, stft);
        Assert.Equal([1L, 64L * 256], audio.shape);
        Assert.True(convergence < 0.1, $"spectral convergence {convergence:F3}");
    }

    [Fact]
    public void The_vocoder_output_has_frames_times_hop_samples_and_reproduces_the_mel()
    {
        using var scope = NewDisposeScope();
        using var mel = new MelSpectrogram(Settings);
        using var vocoder = new GriffinLimVocoder(new GriffinLimOptions(), Settings);
        var signal = stack([tensor(Signals.Harmonic(180, 10, 22050, 48 * 256)), tensor(Signals.Harmonic(300, 6, 22050, 48 * 256))]);
        var logMel = mel.Compute(signal);
        var audio = vocoder.Synthesize(logMel);
        Assert.Equal([2L, 48L * 256], audio.shape);
        var target = logMel.exp();
        var rebuilt = mel.Compute(audio).exp();
        double convergence = ((rebuilt - target).norm() / target.norm()).item<float>();
        Assert.True(convergence < 0.12, $"mel spectral convergence {convergence:F3}");
        Assert.True(audio.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void A_single_log_mel_without_batch_gives_a_single_waveform()
    {
        using var scope = NewDisposeScope();
        using var vocoder = new GriffinLimVocoder(new GriffinLimOptions { Iterations = 2 }, Settings);
        var audio = vocoder.Synthesize(full(80, 10, -5f));
        Assert.Equal([10L * 256], audio.shape);
    }

    [Fact]
    public void The_same_seed_gives_the_same_waveform()
    {
        using var scope = NewDisposeScope();
        using var vocoder = new GriffinLimVocoder(new GriffinLimOptions { Iterations = 4 }, Settings);
        var logMel = randn(1, 80, 12) - 4;
        Assert.Equal(0f, (vocoder.Synthesize(logMel) - vocoder.Synthesize(logMel)).abs().max().item<float>());
    }

    [Fact]
    public void Loading_weights_fails_saying_griffin_lim_has_none()
    {
        using var vocoder = new GriffinLimVocoder(new GriffinLimOptions(), Settings);
        var error = Assert.Throws<NotSupportedException>(() => vocoder.LoadWeights("g_02500000"));
        Assert.Contains("griffin_lim", error.Message);
        Assert.Contains("no weights", error.Message);
    }

    [Fact]
    public void It_registers_as_the_plugin_named_griffin_lim_with_its_options_type()
    {
        var attribute = typeof(GriffinLimVocoder).GetCustomAttribute<PluginAttribute>()!;
        Assert.Equal("griffin_lim", attribute.Name);
        Assert.True(PluginNames.IsValid(attribute.Name));
        Assert.Equal(typeof(GriffinLimOptions), attribute.Options);
        Assert.False(string.IsNullOrWhiteSpace(attribute.Summary));
    }

    [Fact]
    public void Option_defaults_are_60_iterations_and_momentum_0_99()
    {
        var options = new GriffinLimOptions();
        Assert.Equal(60, options.Iterations);
        Assert.Equal(0.99, options.Momentum);
    }

    [Theory]
    [InlineData(0, 0.99, 1.0, "Iterations")]
    [InlineData(60, 1.0, 1.0, "Momentum")]
    [InlineData(60, 0.99, 0.0, "Power")]
    public void Invalid_options_are_rejected_naming_the_key(int iterations, double momentum, double power, string key)
    {
        var options = new GriffinLimOptions { Iterations = iterations, Momentum = momentum, Power = power };
        var error = Assert.Throws<ArgumentException>(() => new GriffinLimVocoder(options, Settings));
        Assert.Contains($"plugins:griffin_lim:{key}", error.Message);
    }

    [Fact]
    public void A_mel_with_the_wrong_band_count_is_rejected()
    {
        using var scope = NewDisposeScope();
        using var vocoder = new GriffinLimVocoder(new GriffinLimOptions(), Settings);
        Assert.Throws<ArgumentException>(() => vocoder.Synthesize(zeros(1, 64, 10)));
    }
}
