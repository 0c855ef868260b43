using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Prosody;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Evaluation;

public class ProsodyMetricTests
{
    private const int Rate = 22050;

    [Theory]
    [InlineData("the birch canoe slid on the smooth planks", 9)]
    [InlineData("table", 2)]
    [InlineData("make", 1)]
    [InlineData("I have 3 dogs", 4)]
    public void Syllables_are_estimated_from_spelling(string text, int syllables) =>
        Assert.Equal(syllables, SyllableCounter.Count(text));

    [Fact]
    public void Pauses_do_not_count_as_speech()
    {
        var clip = Signals.Harmonic(150, 5, Rate, Rate).Concat(new float[Rate]).Concat(Signals.Harmonic(150, 5, Rate, Rate / 2)).ToArray();
        Assert.InRange(SpeechActivity.ActiveSeconds(clip, Rate), 1.45, 1.55);
    }

    [Fact]
    public void Twice_the_reference_rate_and_pitch_give_transfer_ratios_of_two()
    {
        using var metric = new ProsodyMetric(new MelSettings());
        const string text = "one two three four";
        var output = new AudioClip(Signals.Harmonic(240, 8, Rate, Rate), Rate);          // 4 syllables in 1 s at 240 Hz
        var reference = new AudioClip(Signals.Harmonic(120, 8, Rate, 2 * Rate), Rate);   // the same in 2 s at 120 Hz
        var line = new EvaluationUtterance("id", text, output, reference) { ReferenceText = text, GroundTruth = output };

        var values = metric.Evaluate([line])[0].Values;

        Assert.InRange(values["rate_sps"], 3.8, 4.2);
        Assert.InRange(values["rate_transfer"], 1.9, 2.1);
        Assert.InRange(values["f0_mean_hz"], 237, 243);
        Assert.InRange(values["f0_mean_transfer"], 1.98, 2.02);
        Assert.Equal(1, values["f0_mean_ratio_ground_truth"], 9);
        Assert.InRange(values["f0_range_st"], 0, 0.2);   // a steady tone has no range
    }

    [Fact]
    public void Without_the_reference_text_there_is_no_rate_transfer()
    {
        using var metric = new ProsodyMetric(new MelSettings());
        var clip = new AudioClip(Signals.Harmonic(200, 8, Rate, Rate / 2), Rate);
        var values = metric.Evaluate([new EvaluationUtterance("id", "one two", clip, clip)])[0].Values;
        Assert.True(values.ContainsKey("rate_sps"));
        Assert.False(values.ContainsKey("rate_transfer"));
    }
}
