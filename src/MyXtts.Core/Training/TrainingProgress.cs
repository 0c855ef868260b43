namespace MyXtts.Core.Training;

/// <summary>
/// Where a run stands: everything besides tensors that a checkpoint needs to continue exactly. <see cref="Position"/> is
/// the number of micro-batches of <see cref="Epoch"/>'s plan already consumed by all ranks together (the loader's start
/// position on resume; with one process, simply the micro-batches trained on), so it means the same for any number of ranks.
/// </summary>
public sealed record TrainingProgress
{
    /// <summary>Optimizer steps applied or skipped so far (the next step's index).</summary>
    public long Step { get; init; }
    /// <summary>Current epoch, 0-based.</summary>
    public int Epoch { get; init; }
    /// <summary>Micro-batches of the current epoch's plan already trained on, by all ranks together.</summary>
    public int Position { get; init; }
    /// <summary>Best mean validation loss so far, or null before the first validation.</summary>
    public double? BestValidationLoss { get; init; }
    /// <summary>Validations in a row without improvement (early stopping).</summary>
    public int EpochsWithoutImprovement { get; init; }
    /// <summary>Steps skipped by the non-finite guard over the whole run.</summary>
    public long SkippedSteps { get; init; }
    /// <summary>Steps skipped in a row, up to now.</summary>
    public int ConsecutiveSkips { get; init; }
}
