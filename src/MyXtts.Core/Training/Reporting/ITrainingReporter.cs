namespace MyXtts.Core.Training.Reporting;

/// <summary>
/// What the user sees of a run: log lines, a progress bar, metrics files. Called on rank 0 only, on the training
/// thread; implementations must be quick (the step waits).
/// </summary>
public interface ITrainingReporter
{
    void RunStarted(RunSummary summary);
    void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch);
    void StepCompleted(StepReport report);
    void EpochCompleted(EpochReport report);
    /// <summary>After every validation (the epoch's last one comes before <see cref="EpochCompleted"/>); ignored unless overridden.</summary>
    void ValidationCompleted(ValidationReport report) { }
    void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint);
}

/// <summary>Forwards every event to several reporters in order.</summary>
public sealed class CompositeReporter(params ITrainingReporter[] reporters) : ITrainingReporter
{
    public void RunStarted(RunSummary summary) { foreach (var r in reporters) r.RunStarted(summary); }
    public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { foreach (var r in reporters) r.EpochStarted(epoch, stepsInEpoch, firstStepInEpoch); }
    public void StepCompleted(StepReport report) { foreach (var r in reporters) r.StepCompleted(report); }
    public void EpochCompleted(EpochReport report) { foreach (var r in reporters) r.EpochCompleted(report); }
    public void ValidationCompleted(ValidationReport report) { foreach (var r in reporters) r.ValidationCompleted(report); }
    public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) { foreach (var r in reporters) r.RunCompleted(outcome, progress, checkpoint); }
}
