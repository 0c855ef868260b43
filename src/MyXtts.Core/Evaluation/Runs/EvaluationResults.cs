using MyXtts.Abstractions.Evaluation;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// One metric's outcome over the set: the set-level <see cref="Summary"/> and, for metrics measured line by line, one
/// result per line in the order of <see cref="EvaluationResults.Lines"/>. Either may be unavailable, with the reason.
/// </summary>
public sealed record MetricGroup(string Name, string Description, MetricResult Summary, IReadOnlyList<MetricResult>? Lines = null);

/// <summary>Files written for one line, relative to the evaluation folder; null where none was written.</summary>
public sealed record LineFiles(string Output, string? GroundTruth = null, string? Reference = null, string? MelFigure = null,
    string? AlignmentFigure = null);

/// <summary>What an evaluation measured, and how it was set up.</summary>
public sealed record EvaluationResults
{
    /// <summary>How the run was set up, in display order (checkpoint, vocoder, ASR engine and LM, reference rule...).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Setup { get; init; }
    /// <summary>The resolved configuration the checkpoint was trained with (JSON), when it stores one.</summary>
    public string? ModelConfiguration { get; init; }
    /// <summary>The training run folder of the checkpoint (its metrics.jsonl has the loss curves), when known.</summary>
    public string? TrainingRun { get; init; }
    /// <summary>The optimizer step of the checkpoint.</summary>
    public long Step { get; init; }
    public required IReadOnlyList<EvaluationLine> Lines { get; init; }
    /// <summary>Per line, in the order of <see cref="Lines"/>.</summary>
    public required IReadOnlyList<LineFiles> Files { get; init; }
    public required IReadOnlyList<MetricGroup> Groups { get; init; }

    /// <summary>
    /// Every available set-level number as <c>group/value</c> (<c>intelligibility/wer</c>, <c>signal/mcd_db</c>), for
    /// metrics sinks and logs. Unavailable groups are absent, never zero.
    /// </summary>
    public IReadOnlyDictionary<string, double> Scalars(string prefix = "") =>
        Groups.Where(g => g.Summary.IsAvailable)
            .SelectMany(g => g.Summary.Values.Select(v => (Key: $"{prefix}{g.Name}/{v.Key}", v.Value)))
            .Where(v => double.IsFinite(v.Value))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>The group named <paramref name="name"/>, or null.</summary>
    public MetricGroup? Group(string name) => Groups.FirstOrDefault(g => g.Name == name);
}
