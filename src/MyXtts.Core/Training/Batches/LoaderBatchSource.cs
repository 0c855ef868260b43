using MyXtts.Core.Data.Batching;

namespace MyXtts.Core.Training.Batches;

/// <summary>
/// A split served by <see cref="BucketBatchSampler"/> (the epoch's plan) and <see cref="PrefetchingBatchLoader"/>
/// (background loading). Leaving the enumeration early stops the loader and disposes prefetched batches.
/// </summary>
public sealed class LoaderBatchSource(BucketBatchSampler sampler, PrefetchingBatchLoader loader, int utterances) : IBatchSource
{
    public int Utterances => utterances;

    public int BatchesPerEpoch => sampler.BatchesPerEpoch;

    public IEnumerable<LoadedBatch> Read(int epoch, int startPosition) =>
        loader.ReadEpochAsync(sampler.Plan(epoch), epoch, startPosition).ToBlockingEnumerable();
}
