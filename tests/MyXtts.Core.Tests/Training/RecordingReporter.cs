using MyXtts.Core.Training;
using MyXtts.Core.Training.Reporting;

namespace MyXtts.Core.Tests.Training;

/// <summary>Keeps every report, for assertions.</summary>
internal sealed class RecordingReporter : ITrainingReporter
{
    public RunSummary? Summary;
    public readonly List<StepReport> Steps = [];
    public readonly List<EpochReport> Epochs = [];
    public readonly List<ValidationReport> Validations = [];
    public TrainingOutcome? Outcome;

    /// <summary>The total loss of each logged step (log every step to get one per step).</summary>
    public IReadOnlyList<double> Losses => Steps.Where(s => s.Metrics is not null).Select(s => s.Metrics![TrainingMeters.Loss]).ToArray();

    public void RunStarted(RunSummary summary) => Summary = summary;
    public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { }
    public void StepCompleted(StepReport report) => Steps.Add(report);
    public void EpochCompleted(EpochReport report) => Epochs.Add(report);
    public void ValidationCompleted(ValidationReport report) => Validations.Add(report);
    public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) => Outcome = outcome;
}
