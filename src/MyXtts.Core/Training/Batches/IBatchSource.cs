using MyXtts.Core.Data.Batching;

namespace MyXtts.Core.Training.Batches;

/// <summary>
/// The batches of a dataset split, epoch by epoch. The order must depend only on the epoch (and a seed), so that a run
/// resumed at (epoch, position) sees exactly the batches an uninterrupted run would have seen.
/// </summary>
public interface IBatchSource
{
    /// <summary>Utterances in the split (for the start-of-run summary).</summary>
    int Utterances { get; }

    /// <summary>Batches in one epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>The batches of <paramref name="epoch"/> from <paramref name="startPosition"/> on; the consumer disposes each one.</summary>
    IEnumerable<LoadedBatch> Read(int epoch, int startPosition);
}
