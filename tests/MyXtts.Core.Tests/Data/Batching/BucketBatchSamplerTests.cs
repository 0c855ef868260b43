using MyXtts.Core.Data.Batching;

namespace MyXtts.Core.Tests.Data.Batching;

public class BucketBatchSamplerTests
{
    private static readonly int[] Lengths = Enumerable.Range(0, 103).Select(i => 50 + (i * 37) % 400).ToArray();

    [Fact]
    public void Every_item_appears_exactly_once_per_epoch_and_only_one_batch_is_short()
    {
        var plan = new BucketBatchSampler(Lengths, batchSize: 8, seed: 1).Plan(epoch: 0);
        Assert.Equal(Enumerable.Range(0, Lengths.Length), plan.SelectMany(b => b).Order());
        Assert.Single(plan, b => b.Length < 8);
        Assert.Equal(new BucketBatchSampler(Lengths, 8, 1).BatchesPerEpoch, plan.Count);
    }

    [Fact]
    public void The_plan_is_the_same_for_a_seed_and_epoch_and_changes_between_epochs()
    {
        var sampler = new BucketBatchSampler(Lengths, 8, seed: 5);
        Assert.Equal(sampler.Plan(3), new BucketBatchSampler(Lengths, 8, seed: 5).Plan(3));
        Assert.NotEqual(sampler.Plan(3).Select(b => b[0]), sampler.Plan(4).Select(b => b[0]));
    }

    [Fact]
    public void Bucketing_keeps_padding_far_below_random_batching()
    {
        static long Padding(IEnumerable<int[]> batches) => batches.Sum(b => b.Sum(i => (long)(b.Max(j => Lengths[j]) - Lengths[i])));
        var bucketed = Padding(new BucketBatchSampler(Lengths, 8, seed: 2, bucketBatches: 8).Plan(0));
        var random = Padding(new BucketBatchSampler(Lengths, 8, seed: 2, bucketBatches: 1000).Plan(0));
        var unsorted = Padding(Enumerable.Range(0, Lengths.Length).Chunk(8));
        Assert.True(bucketed * 3 < unsorted, $"bucketed padding {bucketed} vs unsorted {unsorted}");
        Assert.True(random <= bucketed);
    }

    [Fact]
    public void Drop_last_removes_the_short_batch()
    {
        var plan = new BucketBatchSampler(Lengths, 8, seed: 1, dropLast: true).Plan(0);
        Assert.All(plan, b => Assert.Equal(8, b.Length));
        Assert.Equal(Lengths.Length / 8, plan.Count);
    }
}
