using MyXtts.Core.Data.Batching;
using MyXtts.Core.Training.Distributed;

namespace MyXtts.Core.Training.Batches;

/// <summary>
/// A split served by <see cref="BucketBatchSampler"/> (the epoch's plan) and <see cref="PrefetchingBatchLoader"/>
/// (background loading). Leaving the enumeration early stops the loader and disposes prefetched batches. With a
/// <see cref="BatchShard"/> of several ranks, only this rank's batches are loaded and start positions are global.
/// </summary>
public sealed class LoaderBatchSource(BucketBatchSampler sampler, PrefetchingBatchLoader loader, int utterances, BatchShard? shard = null) : IBatchSource
{
    private readonly BatchShard _shard = shard ?? BatchShard.Single;

    public int Utterances => utterances;

    public int BatchesPerEpoch => _shard.BatchesPerRank(sampler.BatchesPerEpoch);

    public IEnumerable<LoadedBatch> Read(int epoch, int startPosition) =>
        loader.ReadEpochAsync(_shard.Select(sampler.Plan(epoch), startPosition), epoch, 0).ToBlockingEnumerable();
}
