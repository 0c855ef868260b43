namespace MyXtts.Core.Data.Batching;

/// <summary>
/// Length-bucketed batches: utterances of similar length go together so padding stays small, while the order of
/// batches (and which utterances share a bucket) changes every epoch. The plan depends only on the lengths, the seed
/// and the epoch, so a resumed run replays exactly the same batches.
/// </summary>
public sealed class BucketBatchSampler
{
    private readonly IReadOnlyList<int> _lengths;
    private readonly int _batchSize;
    private readonly int _bucketBatches;
    private readonly int _seed;
    private readonly bool _dropLast;

    /// <param name="lengths">Length of each item (mel frames), by item index.</param>
    /// <param name="batchSize">Items per batch.</param>
    /// <param name="seed">Base seed; epoch e uses seed + e.</param>
    /// <param name="bucketBatches">How many batches' worth of items are sorted together; 1 = strict sorting, larger = more randomness.</param>
    /// <param name="dropLast">Drop a final smaller batch (keeps batch statistics uniform for training).</param>
    public BucketBatchSampler(IReadOnlyList<int> lengths, int batchSize, int seed, int bucketBatches = 8, bool dropLast = false)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        if (bucketBatches < 1) throw new ArgumentOutOfRangeException(nameof(bucketBatches), bucketBatches, "bucket size must be at least 1 batch");
        (_lengths, _batchSize, _seed, _bucketBatches, _dropLast) = (lengths, batchSize, seed, bucketBatches, dropLast);
    }

    /// <summary>Number of batches per epoch.</summary>
    public int BatchesPerEpoch => _dropLast ? _lengths.Count / _batchSize : (_lengths.Count + _batchSize - 1) / _batchSize;

    /// <summary>The batches of <paramref name="epoch"/> as lists of item indices.</summary>
    public IReadOnlyList<int[]> Plan(int epoch)
    {
        var random = new Random(unchecked(_seed * 7919 + epoch));
        var order = Enumerable.Range(0, _lengths.Count).ToArray();
        random.Shuffle(order);
        var batches = new List<int[]>();
        var bucketSize = _batchSize * _bucketBatches;
        for (var start = 0; start < order.Length; start += bucketSize)
        {
            var bucket = order.Skip(start).Take(bucketSize).OrderBy(i => _lengths[i]).ThenBy(i => i).ToArray();
            batches.AddRange(bucket.Chunk(_batchSize));
        }
        if (_dropLast) batches.RemoveAll(b => b.Length < _batchSize);
        else if (batches.Count > 0)
        {
            // Chunking each bucket can leave several short batches; merge the leftovers so only one batch is small.
            var full = batches.Where(b => b.Length == _batchSize).ToList();
            var rest = batches.Where(b => b.Length < _batchSize).SelectMany(b => b).OrderBy(i => _lengths[i]).ThenBy(i => i).ToArray();
            batches = [.. full, .. rest.Chunk(_batchSize)];
        }
        var shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }
}
