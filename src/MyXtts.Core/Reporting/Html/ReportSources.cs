using MyXtts.Core.Evaluation.Runs;
using MyXtts.Core.Metrics;

namespace MyXtts.Core.Reporting.Html;

/// <summary>
/// What a report is drawn from: an evaluation folder (<c>metrics.json</c>: <c>myxtts evaluate --out</c> or a training
/// run's <c>evaluation/step-N/</c>), the training run folder (<c>config.resolved.json</c>, <c>metrics.jsonl</c>) and its
/// latest validation samples. Either part may be missing; the report then says so.
/// </summary>
public sealed record ReportSources(string Folder, string? TrainingRun, EvaluationDocument? Evaluation, string? Configuration, string? Samples)
{
    /// <summary>The run's metrics log, when there is one.</summary>
    public string? MetricsLogPath => TrainingRun is { } run && File.Exists(Path.Combine(run, JsonlMetricsSink.FileName)) ? Path.Combine(run, JsonlMetricsSink.FileName) : null;

    /// <summary>
    /// The sources for a report in <paramref name="folder"/>: an evaluation folder (its training run found through the
    /// path it recorded) or a training run folder (its latest evaluation found under <c>evaluation/</c>). Throws
    /// <see cref="DirectoryNotFoundException"/> when the folder is neither.
    /// </summary>
    public static ReportSources Locate(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"Report folder '{folder}' does not exist. Give a training run folder or an evaluation folder.");
        EvaluationDocument? evaluation = null;
        string? run;
        if (File.Exists(Path.Combine(full, EvaluationFiles.JsonFile)))
        {
            evaluation = EvaluationDocument.Read(full);
            run = evaluation.TrainingRun is { } r && Directory.Exists(r) && TrainingRunFolder.IsRun(r) ? r : null;
        }
        else if (TrainingRunFolder.IsRun(full))
        {
            run = full;
            if (TrainingRunFolder.LatestStep(Path.Combine(full, TrainingRunFolder.EvaluationFolder)) is { } latest) evaluation = EvaluationDocument.Read(latest);
        }
        else
        {
            throw new DirectoryNotFoundException($"'{folder}' is neither a training run folder ({TrainingRunFolder.ResolvedConfigurationFile} or {JsonlMetricsSink.FileName}) " +
                                                 $"nor an evaluation folder ({EvaluationFiles.JsonFile}). Give the folder 'myxtts train' or 'myxtts evaluate --out' wrote.");
        }
        var resolved = run is null ? null : Path.Combine(run, TrainingRunFolder.ResolvedConfigurationFile);
        var configuration = resolved is not null && File.Exists(resolved) ? File.ReadAllText(resolved) : evaluation?.ModelConfiguration;
        var samples = run is null ? null : TrainingRunFolder.LatestStep(Path.Combine(run, TrainingRunFolder.SamplesFolder));
        return new ReportSources(full, run, evaluation, configuration, samples);
    }
}
