using MyXtts.Abstractions.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// A model with buffers set from data before it trains (the acoustic models' mel statistics). The trainer initialises it
/// from the first optimizer step's micro-batches; under MPI every rank passes its own and the statistics are combined across
/// the ranks, so they equal those of one process accumulating the same global step.
/// </summary>
public interface IDataInitializedModel
{
    /// <summary>True until the buffers hold statistics (a fresh model; false after loading a checkpoint).</summary>
    bool NeedsInitialization { get; }

    /// <summary>
    /// Sets the buffers from the valid frames of <paramref name="batches"/> together: the first optimizer step's micro-batches,
    /// so that gradient accumulation over N micro-batches starts from the same statistics as one batch N times larger.
    /// </summary>
    /// <param name="averageAcrossRanks">Averages tensors in place across the data-parallel ranks; null in one process.</param>
    void InitializeFrom(IReadOnlyList<TrainingBatch> batches, Action<IReadOnlyList<Tensor>>? averageAcrossRanks = null);
}
