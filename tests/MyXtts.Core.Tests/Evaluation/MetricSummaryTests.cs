using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation;
using NSubstitute;

namespace MyXtts.Core.Tests.Evaluation;

public class MetricSummaryTests
{
    [Fact]
    public void Without_a_corpus_summary_each_value_is_averaged_over_the_utterances_that_have_it()
    {
        var metric = Substitute.For<IEvaluationMetric>();
        MetricResult[] results =
        [
            MetricResult.Of(new Dictionary<string, double> { ["x"] = 1, ["y"] = 10 }),
            MetricResult.Of(new Dictionary<string, double> { ["x"] = 3 }),
            MetricResult.Unavailable("no ground truth"),
        ];

        var summary = MetricSummary.Summarize(metric, results);

        Assert.Equal(2, summary.Values["x"]);
        Assert.Equal(10, summary.Values["y"]);
        Assert.Equal(2, summary.Values["utterances"]);
    }

    [Fact]
    public void A_set_with_no_measurement_is_unavailable_with_the_reason()
    {
        var summary = MetricSummary.Summarize(Substitute.For<IEvaluationMetric>(), [MetricResult.Unavailable("no ground truth")]);
        Assert.Equal("no ground truth", summary.UnavailableReason);
    }

    [Fact]
    public void An_unavailable_result_needs_a_reason() =>
        Assert.Throws<ArgumentException>(() => MetricResult.Unavailable(" "));
}
