namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// Which of an epoch's batches one rank trains on. Positions are <em>global</em>: the number of batches of the epoch's
/// plan that all ranks together have consumed, which is what checkpoints store, so a run resumes exactly with the same or
/// a different number of ranks. From global position g, rank r reads plan[g + r], plan[g + r + W], … Every rank reads
/// the same count, ⌈(B − g) / W⌉, so all take the same number of optimizer steps; the last round wraps to the start of the
/// plan (as PyTorch's DistributedSampler pads) rather than leaving a rank without a batch. The plan itself depends only
/// on the seed and the epoch, so the shards are deterministic for a seed and a world size.
/// </summary>
public sealed record BatchShard
{
    public BatchShard(int rank, int worldSize)
    {
        if (worldSize < 1) throw new ArgumentOutOfRangeException(nameof(worldSize), worldSize, "world size must be at least 1");
        if (rank < 0 || rank >= worldSize) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in 0 … {worldSize - 1}");
        (Rank, WorldSize) = (rank, worldSize);
    }

    /// <summary>One process: every batch, in order.</summary>
    public static BatchShard Single { get; } = new(0, 1);

    public int Rank { get; }
    public int WorldSize { get; }

    /// <summary>Batches one rank trains on in a whole epoch of <paramref name="batches"/>.</summary>
    public int BatchesPerRank(int batches) => (batches + WorldSize - 1) / WorldSize;

    /// <summary>This rank's position within its share: how many of its batches a global position covers.</summary>
    public int LocalPosition(int globalPosition) => (globalPosition + WorldSize - 1) / WorldSize;

    /// <summary>This rank's batches of <paramref name="plan"/> from <paramref name="globalStart"/> on.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> plan, int globalStart)
    {
        if (plan.Count == 0 || globalStart >= plan.Count) return [];
        var count = (plan.Count - globalStart + WorldSize - 1) / WorldSize;
        return Enumerable.Range(0, count).Select(k => plan[(globalStart + Rank + k * WorldSize) % plan.Count]).ToArray();
    }
}
