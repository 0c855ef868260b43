using MyXtts.Core.Audio.Resampling;
using MyXtts.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Audio.Resampling;

public class SincResamplerTests
{
    [Theory]
    [InlineData(44100, 22050, 1000.0)]
    [InlineData(44100, 22050, 7000.0)]
    [InlineData(16000, 22050, 1000.0)]
    [InlineData(16000, 22050, 6000.0)]
    [InlineData(22050, 16000, 1000.0)]
    [InlineData(22050, 16000, 6000.0)]
    public void A_tone_below_both_nyquists_keeps_its_frequency_and_amplitude_within_half_a_decibel(int from, int to, double hz)
    {
        using var resampler = new SincResampler();
        var output = resampler.Resample(Signals.Sine(hz, from, from, amplitude: 0.5), from, to);
        // Skip 0.1 s at each end (the kernel sees zero padding there); the middle 0.8 s holds a whole number of periods.
        var middle = output.AsSpan(to / 10, to * 8 / 10);
        double gainDb = 20 * Math.Log10(Signals.ToneAmplitude(middle, hz, to) / 0.5);
        double residual = Signals.Rms(Subtract(middle, hz, to)) / (0.5 / Math.Sqrt(2));
        Assert.InRange(gainDb, -0.5, 0.5);
        Assert.True(residual < 0.01, $"{residual:P2} of the tone's RMS is not at {hz} Hz");
    }

    [Theory]
    [InlineData(44100, 22050, 15000.0, ResampleWindow.Hann)]
    [InlineData(44100, 22050, 15000.0, ResampleWindow.Kaiser)]
    [InlineData(22050, 16000, 10000.0, ResampleWindow.Hann)]
    [InlineData(48000, 16000, 12000.0, ResampleWindow.Hann)]
    public void A_tone_above_the_target_nyquist_is_attenuated_by_at_least_40_decibels(int from, int to, double hz, ResampleWindow window)
    {
        var options = window == ResampleWindow.Kaiser
            ? new ResamplerOptions { Window = window, LowpassFilterWidth = 64, Rolloff = 0.9475937167399596 }   // librosa kaiser_best
            : new ResamplerOptions();
        using var resampler = new SincResampler(options);
        var output = resampler.Resample(Signals.Sine(hz, from, from), from, to);
        double attenuationDb = 20 * Math.Log10(Signals.Rms(output.AsSpan(to / 10, to * 8 / 10)) / Math.Sqrt(0.5));
        Assert.True(attenuationDb <= -40, $"only {-attenuationDb:F1} dB attenuation");
    }

    [Theory]
    [InlineData(44100, 22050, 1001)]
    [InlineData(16000, 22050, 12345)]
    [InlineData(22050, 16000, 777)]
    [InlineData(24000, 22050, 1)]
    public void The_output_has_ceil_n_times_new_over_old_samples(int from, int to, int n)
    {
        using var resampler = new SincResampler();
        var output = resampler.Resample(new float[n], from, to);
        Assert.Equal((long)Math.Ceiling((double)n * to / from), output.Length);
        Assert.Equal(output.Length, SincResampler.OutputLength(n, from, to));
    }

    [Fact]
    public void Leading_dimensions_are_kept_and_each_row_is_resampled_alone()
    {
        using var scope = NewDisposeScope();
        using var resampler = new SincResampler();
        var rows = stack([tensor(Signals.Sine(440, 16000, 1600)), zeros(1600), tensor(Signals.Sine(880, 16000, 1600))]).reshape(3, 1, 1600);
        var output = resampler.Resample(rows, 16000, 22050);
        Assert.Equal([3L, 1L, 2205L], output.shape);
        Assert.Equal(0f, output[1].abs().max().item<float>());
        var single = resampler.Resample(rows[2], 16000, 22050);
        Assert.True((single - output[2]).abs().max().item<float>() < 1e-6);
    }

    [Fact]
    public void Equal_rates_return_the_samples_unchanged()
    {
        using var resampler = new SincResampler();
        var input = Signals.Sine(440, 22050, 500);
        Assert.Equal(input, resampler.Resample(input, 22050, 22050));
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new SincResampler(new ResamplerOptions { Rolloff = 1.5 }));
        Assert.Contains("Rolloff", error.Message);
    }

    private static float[] Subtract(ReadOnlySpan<float> x, double hz, int rate)
    {
        // Remove the best-fitting sinusoid at hz; what is left is distortion, aliasing or a frequency shift.
        double s = 0, c = 0;
        for (int n = 0; n < x.Length; n++) { s += x[n] * Math.Sin(2 * Math.PI * hz * n / rate); c += x[n] * Math.Cos(2 * Math.PI * hz * n / rate); }
        s *= 2.0 / x.Length; c *= 2.0 / x.Length;
        var r = new float[x.Length];
        for (int n = 0; n < x.Length; n++) r[n] = (float)(x[n] - s * Math.Sin(2 * Math.PI * hz * n / rate) - c * Math.Cos(2 * Math.PI * hz * n / rate));
        return r;
    }
}
