using MyXtts.Core.Audio.Processing;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Audio.Processing;

public class SilenceTrimmerTests
{
    [Theory]
    [InlineData(11025, 7000)]
    [InlineData(3000, 22050)]
    [InlineData(0, 5000)]
    public void Silence_padding_is_trimmed_to_within_one_frame_of_the_tone(int leading, int trailing)
    {
        var tone = Signals.Sine(440, 22050, 22050, 0.5);
        var clip = new float[leading].Concat(tone).Concat(new float[trailing]).ToArray();
        var options = new TrimOptions();
        var (start, end) = SilenceTrimmer.FindNonSilent(clip, options);
        Assert.InRange(start, leading - options.FrameLength, leading);
        Assert.InRange(end, leading + tone.Length, leading + tone.Length + options.FrameLength);
        Assert.Equal(end - start, SilenceTrimmer.Trim(clip, options).Length);
    }

    [Fact]
    public void Quiet_noise_below_the_threshold_counts_as_silence()
    {
        var random = new Random(1);
        var noise = Enumerable.Range(0, 20000).Select(_ => (float)(random.NextDouble() - 0.5) * 2e-4f).ToArray();  // about -80 dB re the tone
        var tone = Signals.Sine(440, 22050, 11025, 0.5);
        var clip = noise.Concat(tone).Concat(noise).ToArray();
        var (start, end) = SilenceTrimmer.FindNonSilent(clip, new TrimOptions { TopDb = 40 });
        Assert.InRange(start, 20000 - 2048, 20000);
        Assert.InRange(end, 31025, 31025 + 2048);
    }

    [Fact]
    public void An_all_silent_clip_trims_to_nothing()
    {
        Assert.Equal((0, 0), SilenceTrimmer.FindNonSilent(new float[10000]));
        Assert.Empty(SilenceTrimmer.Trim(new float[10000]));
    }

    [Fact]
    public void Silence_inside_the_clip_is_kept()
    {
        var tone = Signals.Sine(440, 22050, 5000, 0.5);
        var clip = tone.Concat(new float[20000]).Concat(tone).ToArray();
        var (start, end) = SilenceTrimmer.FindNonSilent(clip);
        Assert.Equal(0, start);
        Assert.Equal(clip.Length, end);
    }

    [Fact]
    public void A_non_positive_threshold_is_rejected() =>
        Assert.Throws<ArgumentException>(() => SilenceTrimmer.FindNonSilent(new float[10], new TrimOptions { TopDb = 0 }));
}
