using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Data.Batching;

namespace MyXtts.Core.Tests.Data.Batching;

public class PrefetchingBatchLoaderTests
{
    private static readonly string[] Speakers = Enumerable.Range(0, 40).Select(i => $"s{i % 4}").ToArray();
    private readonly FakeUtterances _source = new(Enumerable.Repeat(4, 40).ToArray(), Enumerable.Range(0, 40).Select(i => 5 + i).ToArray(), Speakers);

    private PrefetchingBatchLoader Loader(int buffer = 2) => new(
        new BatchCollator(_source, new ReferencePicker(Speakers, 3), ["s0", "s1", "s2", "s3"], -11.5f, 0, 3),
        _source, NullProfiler.Instance, buffer, workers: 2);

    [Fact]
    public async Task Batches_arrive_in_plan_order_from_the_start_position()
    {
        var plan = new BucketBatchSampler(Enumerable.Range(0, 40).Select(i => 5 + i).ToArray(), 8, seed: 1).Plan(0);
        var positions = new List<int>();
        var ids = new List<string>();
        await foreach (var batch in Loader().ReadEpochAsync(plan, epoch: 0, startPosition: 2))
            using (batch)
            {
                positions.Add(batch.Position);
                ids.AddRange(batch.Batch.Ids);
            }
        Assert.Equal([2, 3, 4], positions);
        Assert.Equal(plan.Skip(2).SelectMany(b => b).Select(i => $"u{i}"), ids);
    }

    [Fact]
    public async Task Stopping_early_cancels_the_producer_without_leaking_buffered_batches()
    {
        var plan = new BucketBatchSampler(Enumerable.Range(0, 40).Select(i => 5 + i).ToArray(), 2, seed: 1).Plan(0);
        var seen = 0;
        await foreach (var batch in Loader(buffer: 3).ReadEpochAsync(plan, 0, 0))
        {
            batch.Dispose();
            if (++seen == 2) break;
        }
        Assert.Equal(2, seen);
        Assert.True(_source.FeatureCalls < 40 * 2, "the producer should stop soon after the consumer leaves");
    }
}
