using MyXtts.Abstractions.Evaluation;

namespace MyXtts.Core.Evaluation;

/// <summary>The set-level value of a metric from its per-utterance results.</summary>
public static class MetricSummary
{
    /// <summary>
    /// The metric's own summary when it is an <see cref="ICorpusMetric"/>; otherwise each value's mean over the utterances
    /// that have it, plus <c>utterances</c> (how many were measured). Unavailable, with the first reason, when none was measured.
    /// </summary>
    public static MetricResult Summarize(IEvaluationMetric metric, IReadOnlyList<MetricResult> utterances)
    {
        if (metric is ICorpusMetric corpus) return corpus.Summarize(utterances);
        var measured = utterances.Where(r => r.IsAvailable).ToArray();
        if (measured.Length == 0)
            return MetricResult.Unavailable(utterances.FirstOrDefault()?.UnavailableReason ?? "No utterances were evaluated.");
        var means = measured.SelectMany(r => r.Values).GroupBy(v => v.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(v => v.Value), StringComparer.Ordinal);
        means["utterances"] = measured.Length;
        return MetricResult.Of(means);
    }
}
