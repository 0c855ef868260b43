namespace MyXtts.Abstractions.Evaluation;

/// <summary>
/// What a metric measured on one utterance (or on a whole set): named numbers, or the reason it could not measure.
/// An unavailable metric is never reported as zero.
/// </summary>
public sealed record MetricResult
{
    private static readonly IReadOnlyDictionary<string, double> NoValues = new Dictionary<string, double>();

    private MetricResult(IReadOnlyDictionary<string, double> values, string? unavailableReason)
    {
        Values = values;
        UnavailableReason = unavailableReason;
    }

    /// <summary>Named values (e.g. <c>wer</c>, <c>mcd_db</c>); empty when unavailable.</summary>
    public IReadOnlyDictionary<string, double> Values { get; }

    /// <summary>Why nothing was measured and how to fix it; null when <see cref="Values"/> holds the measurement.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Text beside the numbers, for reports (e.g. <c>transcript</c>: what the ASR heard).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the metric measured something.</summary>
    public bool IsAvailable => UnavailableReason is null;

    /// <summary>A measurement.</summary>
    public static MetricResult Of(IReadOnlyDictionary<string, double> values) => new(values, null);

    /// <summary>No measurement; <paramref name="reason"/> says what is missing and how to get it.</summary>
    public static MetricResult Unavailable(string reason) =>
        new(NoValues, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("Give the reason.", nameof(reason)) : reason);
}
