namespace MyXtts.Core.Training.Reporting;

/// <summary>A loss term as the start-of-run summary shows it.</summary>
public sealed record LossTermSummary(string Name, double Weight, string Source);

/// <summary>Printed once when training starts (or resumes).</summary>
public sealed record RunSummary(
    string Model, long TotalParameters, long TrainableParameters, string Device, string Precision,
    IReadOnlyList<LossTermSummary> LossTerms, string Schedule, string Optimizer,
    int TrainUtterances, int ValidationUtterances, int BatchesPerEpoch, int GradientAccumulation, int BatchSize,
    int Epochs, long? MaxSteps, string? ResumedFrom, TrainingProgress Start);

/// <summary>
/// After every optimizer step. <see cref="Metrics"/> (window means since the last log) is set only on log steps;
/// <see cref="SkippedSteps"/> counts the non-finite steps skipped over the whole run so far.
/// </summary>
public sealed record StepReport(long Step, int Epoch, int StepInEpoch, int StepsInEpoch, double LearningRate, bool Skipped,
    IReadOnlyDictionary<string, double>? Metrics, long SkippedSteps = 0);

/// <summary>After each epoch's validation: epoch means of every raw and weighted term, for training and validation.</summary>
public sealed record EpochReport(int Epoch, long Step, IReadOnlyDictionary<string, double> Train,
    IReadOnlyDictionary<string, double>? Validation, long SkippedSteps, double Seconds, bool IsBest);

/// <summary>
/// After each validation: at every epoch end, and every <c>training.val_step</c> optimizer steps. <see cref="EndOfEpoch"/>
/// is set when it is the epoch's last step (its numbers then also arrive in that epoch's <see cref="EpochReport"/>).
/// </summary>
public sealed record ValidationReport(long Step, int Epoch, IReadOnlyDictionary<string, double> Metrics, bool IsBest, bool EndOfEpoch);

/// <summary>Why a run ended.</summary>
public enum TrainingOutcome
{
    /// <summary>All epochs done.</summary>
    Completed,
    /// <summary><c>--max-steps</c> reached.</summary>
    MaxStepsReached,
    /// <summary>Validation loss stopped improving for <c>training.early_stopping_patience</c> validations.</summary>
    EarlyStopped,
    /// <summary>Stopped on request (Ctrl-C); a checkpoint was saved.</summary>
    Interrupted,
}
