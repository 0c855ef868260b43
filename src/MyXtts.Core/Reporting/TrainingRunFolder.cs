using MyXtts.Core.Metrics;

namespace MyXtts.Core.Reporting;

/// <summary>
/// The layout of a training run folder that reports read: <c>config.resolved.json</c>, <c>metrics.jsonl</c>,
/// <c>checkpoints/</c>, <c>evaluation/step-N/</c> (from <c>--enable-evaluation</c>) and <c>samples/step-N/</c>.
/// </summary>
public static class TrainingRunFolder
{
    /// <summary>The resolved configuration every run writes.</summary>
    public const string ResolvedConfigurationFile = "config.resolved.json";
    /// <summary>Evaluations made during training, one folder per step.</summary>
    public const string EvaluationFolder = "evaluation";
    /// <summary>Validation samples, one folder per step.</summary>
    public const string SamplesFolder = "samples";
    /// <summary>The report file name, in a run folder and in an evaluation folder.</summary>
    public const string ReportFile = "report.html";

    /// <summary>The run folder a checkpoint was written into (<c>RUN/checkpoints/x.ckpt</c> → <c>RUN</c>), when it looks like one.</summary>
    public static string? OfCheckpoint(string checkpoint)
    {
        var run = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(checkpoint)));
        return run is not null && IsRun(run) ? run : null;
    }

    /// <summary>True when <paramref name="folder"/> has a run's configuration or metrics log.</summary>
    public static bool IsRun(string folder) =>
        File.Exists(Path.Combine(folder, ResolvedConfigurationFile)) || File.Exists(Path.Combine(folder, JsonlMetricsSink.FileName));

    /// <summary>The folder of the evaluation at <paramref name="step"/>.</summary>
    public static string EvaluationAt(string run, long step) => Path.Combine(run, EvaluationFolder, $"step-{step}");

    /// <summary>The <c>step-N</c> subfolder of <paramref name="parent"/> with the largest N, or null.</summary>
    public static string? LatestStep(string parent)
    {
        if (!Directory.Exists(parent)) return null;
        return Directory.GetDirectories(parent, "step-*")
            .Select(d => (Dir: d, Ok: long.TryParse(Path.GetFileName(d)["step-".Length..], out var n), Step: n))
            .Where(x => x.Ok).OrderByDescending(x => x.Step).Select(x => x.Dir).FirstOrDefault();
    }
}
