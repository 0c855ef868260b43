using MyXtts.Core.Audio.Processing;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Audio.Processing;

public class LoudnessTests
{
    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(22050)]
    [InlineData(16000)]
    public void A_full_scale_1_khz_sine_reads_minus_3_01_lufs(int rate)
    {
        var lufs = LoudnessMeter.IntegratedLufs(Signals.Sine(1000, rate, 3 * rate), rate);
        Assert.NotNull(lufs);
        Assert.Equal(-3.01, lufs.Value, 0.05);
    }

    [Fact]
    public void A_sine_20_db_below_full_scale_reads_20_lu_lower()
    {
        var lufs = LoudnessMeter.IntegratedLufs(Signals.Sine(1000, 48000, 96000, 0.1), 48000);
        Assert.Equal(-23.01, lufs!.Value, 0.05);
    }

    [Fact]
    public void Low_frequencies_are_weighted_down_by_the_k_filter()
    {
        var at1k = LoudnessMeter.IntegratedLufs(Signals.Sine(1000, 48000, 96000), 48000)!.Value;
        var at20 = LoudnessMeter.IntegratedLufs(Signals.Sine(20, 48000, 96000), 48000)!.Value;
        Assert.True(at1k - at20 > 10, $"20 Hz reads {at20:F2}, 1 kHz {at1k:F2}");
    }

    [Fact]
    public void The_absolute_gate_ignores_silence_around_the_speech()
    {
        var tone = Signals.Sine(1000, 48000, 5 * 48000, 0.5);
        var padded = new float[5 * 48000].Concat(tone).Concat(new float[5 * 48000]).ToArray();
        double alone = LoudnessMeter.IntegratedLufs(tone, 48000)!.Value;
        // Ungated, two thirds silence would read 4.8 LU lower; only the blocks straddling the edges may lower it a little.
        Assert.InRange(LoudnessMeter.IntegratedLufs(padded, 48000)!.Value, alone - 0.3, alone);
    }

    [Fact]
    public void The_relative_gate_ignores_passages_more_than_10_lu_below_the_rest()
    {
        var loud = Signals.Sine(1000, 48000, 3 * 48000, 0.5);
        var quiet = Signals.Sine(1000, 48000, 3 * 48000, 0.05);   // -20 LU: above the absolute gate, below the relative one
        double alone = LoudnessMeter.IntegratedLufs(loud, 48000)!.Value;
        Assert.InRange(LoudnessMeter.IntegratedLufs(loud.Concat(quiet).ToArray(), 48000)!.Value, alone - 0.3, alone);
    }

    [Fact]
    public void Silence_and_clips_shorter_than_one_block_have_no_loudness()
    {
        Assert.Null(LoudnessMeter.IntegratedLufs(new float[48000], 48000));
        Assert.Null(LoudnessMeter.IntegratedLufs(Signals.Sine(1000, 48000, 19000), 48000));
    }

    [Fact]
    public void Normalising_reaches_the_target_loudness()
    {
        var clip = Signals.Harmonic(200, 8, 22050, 44100, 0.05);
        var gainDb = LoudnessNormalizer.Apply(clip, 22050, -20);
        Assert.NotNull(gainDb);
        Assert.True(gainDb > 0);
        Assert.Equal(-20, LoudnessMeter.IntegratedLufs(clip, 22050)!.Value, 0.01);
    }

    [Fact]
    public void Normalising_silence_leaves_it_untouched()
    {
        var clip = new float[44100];
        Assert.Null(LoudnessNormalizer.Apply(clip, 22050, -23));
        Assert.All(clip, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Peak_protection_scales_down_to_the_ceiling_without_changing_shape()
    {
        float[] clip = [0.5f, -1.6f, 0.8f];
        double gain = PeakProtection.Apply(clip, 0.999);
        Assert.Equal(0.999 / 1.6, gain, 1e-6);
        Assert.Equal(0.999f, Math.Abs(clip[1]), 1e-6f);
        Assert.Equal(0.5 / 1.6, clip[0] / 0.999, 1e-6);
    }

    [Fact]
    public void Peak_protection_leaves_quiet_clips_alone()
    {
        float[] clip = [0.5f, -0.7f];
        Assert.Equal(1.0, PeakProtection.Apply(clip, PeakProtection.DbfsToLinear(-1)));
        Assert.Equal([0.5f, -0.7f], clip);
        Assert.Equal(0.891, PeakProtection.DbfsToLinear(-1), 0.001);
    }
}
