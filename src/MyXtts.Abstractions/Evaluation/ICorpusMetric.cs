namespace MyXtts.Abstractions.Evaluation;

/// <summary>
/// Optional capability of an <see cref="IEvaluationMetric"/> whose set-level value is not the mean of the
/// per-utterance values (WER is total edits over total reference words). Without it, the set value is the mean of
/// each value over the utterances that have it.
/// </summary>
public interface ICorpusMetric
{
    /// <summary>The set-level result from the per-utterance results this metric returned.</summary>
    MetricResult Summarize(IReadOnlyList<MetricResult> utterances);
}
