using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation;
using MyXtts.Core.Evaluation.Intelligibility;
using NSubstitute;

namespace MyXtts.Core.Tests.Evaluation;

public class IntelligibilityMetricTests
{
    private static EvaluationUtterance Line(string id, string text) =>
        new(id, text, new AudioClip(new float[1600], 16000), new AudioClip(new float[1600], 16000));

    [Fact]
    public void A_missing_engine_makes_every_result_unavailable_with_its_reason_never_zero()
    {
        var engine = Substitute.For<IAsrEngine>();
        engine.UnavailableReason.Returns("PocketSphinx is not installed: sudo apt-get install pocketsphinx pocketsphinx-en-us");
        var metric = new IntelligibilityMetric(engine);

        var results = metric.Evaluate([Line("a", "one"), Line("b", "two")]);

        Assert.All(results, r => Assert.False(r.IsAvailable));
        Assert.All(results, r => Assert.Empty(r.Values));
        Assert.Contains("apt-get install pocketsphinx pocketsphinx-en-us", results[0].UnavailableReason);
        Assert.False(MetricSummary.Summarize(metric, results).IsAvailable);
        engine.DidNotReceive().Transcribe(Arg.Any<IReadOnlyList<AudioClip>>());
    }

    [Fact]
    public void The_set_word_error_rate_is_total_edits_over_total_reference_words_not_a_mean_of_rates()
    {
        var engine = Substitute.For<IAsrEngine>();
        engine.Transcribe(Arg.Any<IReadOnlyList<AudioClip>>()).Returns(["no", "one two three four five six seven eight nine"]);
        var metric = new IntelligibilityMetric(engine);

        var results = metric.Evaluate([Line("a", "yes"), Line("b", "one two three four five six seven eight 9")]);
        var summary = MetricSummary.Summarize(metric, results);

        Assert.Equal(1.0, results[0].Values["wer"]);
        Assert.Equal(0.0, results[1].Values["wer"]);
        Assert.Equal("no", results[0].Texts["transcript"]);
        Assert.Equal(0.1, summary.Values["wer"], 12);
        Assert.Equal(10, summary.Values["reference_words"]);
    }
}
