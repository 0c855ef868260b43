using MyXtts.Abstractions.Training;

namespace MyXtts.Core.Training;

/// <summary>
/// A model with buffers set from data before it trains (the acoustic models' mel statistics). The trainer initialises it
/// from the first batch before the ranks synchronise, so under MPI every rank starts from rank 0's values instead of
/// each taking statistics from its own shard.
/// </summary>
public interface IDataInitializedModel
{
    /// <summary>True until the buffers hold statistics (a fresh model; false after loading a checkpoint).</summary>
    bool NeedsInitialization { get; }

    /// <summary>Sets the buffers from <paramref name="batch"/> (its valid frames only).</summary>
    void InitializeFrom(TrainingBatch batch);
}
