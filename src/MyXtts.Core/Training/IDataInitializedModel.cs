using MyXtts.Abstractions.Training;

namespace MyXtts.Core.Training;

/// <summary>
/// A model with buffers set from data before it trains (the acoustic models' mel statistics). The trainer initialises it
/// from the first optimizer step's micro-batches before the ranks synchronise, so under MPI every rank starts from rank 0's values instead of
/// each taking statistics from its own shard.
/// </summary>
public interface IDataInitializedModel
{
    /// <summary>True until the buffers hold statistics (a fresh model; false after loading a checkpoint).</summary>
    bool NeedsInitialization { get; }

    /// <summary>
    /// Sets the buffers from the valid frames of <paramref name="batches"/> together: the first optimizer step's micro-batches,
    /// so that gradient accumulation over N micro-batches starts from the same statistics as one batch N times larger.
    /// </summary>
    void InitializeFrom(IReadOnlyList<TrainingBatch> batches);
}
