namespace MyXtts.Abstractions.Evaluation;

/// <summary>
/// A measurement of synthesized speech. The name is the plugin's name; value names should be lower snake case with
/// the unit as suffix where there is one (<c>mcd_db</c>, <c>f0_rmse_hz</c>). Metrics take the whole set at once, so
/// an engine with a costly start (an ASR model) starts once.
/// </summary>
public interface IEvaluationMetric
{
    /// <summary>One result per utterance, in the order given.</summary>
    IReadOnlyList<MetricResult> Evaluate(IReadOnlyList<EvaluationUtterance> utterances);
}
