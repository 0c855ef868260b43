using MyXtts.Abstractions.Metrics;

namespace MyXtts.Core.Training.Reporting;

/// <summary>
/// Sends the logged numbers to the metrics sinks: every log step <c>train/&lt;name&gt;</c> (window means of each raw and
/// weighted term, the total, the gradient norm) and <c>train/lr</c>; every validation (each epoch and every
/// <c>training.val_step</c> steps) <c>val/…</c>; every epoch <c>epoch/train/…</c>, <c>epoch/val/…</c> and <c>epoch/skipped_steps</c>.
/// </summary>
public sealed class MetricsReporter(IReadOnlyList<IMetricsSink> sinks) : ITrainingReporter
{
    public void RunStarted(RunSummary summary) { }
    public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { }
    public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) { }

    public void StepCompleted(StepReport report)
    {
        if (report.Metrics is null || sinks.Count == 0) return;
        var scalars = report.Metrics.ToDictionary(kv => "train/" + kv.Key, kv => kv.Value);
        scalars["train/lr"] = report.LearningRate;
        Write(report.Step, scalars);
    }

    public void ValidationCompleted(ValidationReport report)
    {
        if (sinks.Count == 0) return;
        Write(report.Step, report.Metrics.ToDictionary(kv => "val/" + kv.Key, kv => kv.Value));
    }

    public void EpochCompleted(EpochReport report)
    {
        var scalars = report.Train.ToDictionary(kv => "epoch/train/" + kv.Key, kv => kv.Value);
        foreach (var (name, value) in report.Validation ?? new Dictionary<string, double>()) scalars["epoch/val/" + name] = value;
        scalars["epoch/skipped_steps"] = report.SkippedSteps;
        scalars["epoch/epoch"] = report.Epoch + 1;
        Write(report.Step, scalars);
    }

    private void Write(long step, Dictionary<string, double> scalars)
    {
        foreach (var sink in sinks) sink.WriteScalars(step, scalars);
    }
}
