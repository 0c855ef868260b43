using System.Diagnostics;
using System.Globalization;
using Serilog;

namespace MyXtts.Core.Training.Reporting;

/// <summary>
/// The run in the log: the start-of-run block, the epoch summaries (raw and weighted loss components for training and
/// validation, gradient norm, skipped steps) and the end. With <paramref name="periodicLines"/> (output is not a terminal)
/// also one line per log interval instead of a progress bar, with every active loss term (<see cref="LossDisplay.ProgressTerms"/>).
/// </summary>
public sealed class LogReporter(ILogger log, bool periodicLines, IReadOnlyList<string>? progressTerms = null) : ITrainingReporter
{
    private IReadOnlyList<string> _progressTerms = [];
    private readonly Stopwatch _clock = new();
    private IReadOnlyList<string> _terms = [];
    private long _lastStep;

    public void RunStarted(RunSummary s)
    {
        _terms = s.LossTerms.Select(t => t.Name).ToArray();
        _progressTerms = LossDisplay.ProgressTerms(_terms, progressTerms ?? []);
        log.Information("Model: {Model:l}; {TotalParameters:N0} parameters ({TrainableParameters:N0} trainable)", s.Model, s.TotalParameters, s.TrainableParameters);
        log.Information("Device {Device:l}; precision {Precision:l}", s.Device, s.Precision);
        log.Information("Loss weights: {LossWeights:l}", string.Join(", ", s.LossTerms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name}={t.Weight:G6} ({t.Source})"))));
        log.Information("Optimizer {Optimizer:l}; schedule {Schedule:l}", s.Optimizer, s.Schedule);
        log.Information("Data: {TrainUtterances} training and {ValidationUtterances} validation utterances; {BatchesPerEpoch} batches of {BatchSize} per epoch, " +
                        "gradient accumulation {GradientAccumulation} (effective batch {EffectiveBatch}); {Epochs} epochs{MaxSteps:l}",
            s.TrainUtterances, s.ValidationUtterances, s.BatchesPerEpoch, s.BatchSize, s.GradientAccumulation, s.BatchSize * s.GradientAccumulation,
            s.Epochs, s.MaxSteps is { } max ? $", at most {max} steps" : "");
        if (s.ResumedFrom is not null)
            log.Information("Resumed from {Checkpoint:l} at step {Step} (epoch {Epoch}, batch {Position})", s.ResumedFrom, s.Start.Step, s.Start.Epoch + 1, s.Start.Position);
        _lastStep = s.Start.Step;
        _clock.Restart();
    }

    public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { }

    public void StepCompleted(StepReport r)
    {
        if (r.Metrics is null || !periodicLines) return;
        var rate = (r.Step - _lastStep) / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        _lastStep = r.Step;
        _clock.Restart();
        log.Information("Step {Step} (epoch {Epoch}, {StepInEpoch}/{StepsInEpoch}): {Progress:l}, {StepsPerSecond:F2} steps/s",
            r.Step, r.Epoch + 1, r.StepInEpoch, r.StepsInEpoch, LossDisplay.Progress(r.Metrics, _progressTerms, r.LearningRate, r.SkippedSteps), rate);
    }

    public void EpochCompleted(EpochReport r)
    {
        log.Information("Epoch {Epoch} done at step {Step} in {Seconds:F1} s", r.Epoch + 1, r.Step, r.Seconds);
        log.Information("Train loss components: {Components:l}; loss={Loss:G5}; grad norm {GradNorm:G4}; skipped non-finite steps: {SkippedSteps}",
            LossDisplay.Components(r.Train, _terms), r.Train.GetValueOrDefault(TrainingMeters.Loss, double.NaN),
            r.Train.GetValueOrDefault(TrainingMeters.GradNorm, double.NaN), r.SkippedSteps);
        if (r.Validation is { } v)
            log.Information("Validation loss components: {Components:l}; loss={Loss:G5}{Best:l}",
                ValidationComponents(v), v.GetValueOrDefault(TrainingMeters.Loss, double.NaN), r.IsBest ? " (best so far)" : "");
    }

    /// <summary>Validations between epoch ends (<c>training.val_step</c>); the epoch's last one is logged with the epoch.</summary>
    public void ValidationCompleted(ValidationReport r)
    {
        if (r.EndOfEpoch) return;
        log.Information("Validation at step {Step} (epoch {Epoch}): {Components:l}; loss={Loss:G5}{Best:l}",
            r.Step, r.Epoch + 1, ValidationComponents(r.Metrics), r.Metrics.GetValueOrDefault(TrainingMeters.Loss, double.NaN), r.IsBest ? " (best so far)" : "");
    }

    /// <summary>The terms' components, or (when validation measures something else, e.g. stage 2's mel L1) its own numbers.</summary>
    private string ValidationComponents(IReadOnlyDictionary<string, double> validation) =>
        LossDisplay.Components(validation, _terms) is { Length: > 0 } components ? components
            : LossDisplay.Components(validation, validation.Keys.Where(k => k != TrainingMeters.Loss).ToArray());

    public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) =>
        log.Information("Training ended ({Outcome:l}) at step {Step}, epoch {Epoch}; {SkippedSteps} non-finite steps skipped; last checkpoint: {Checkpoint:l}",
            outcome.ToString(), progress.Step, progress.Epoch + (progress.Position > 0 ? 1 : 0), progress.SkippedSteps, checkpoint ?? "none");   // an enum with :l throws inside Serilog and the line is lost
}
