using MyXtts.Core.Training.Distributed;

namespace MyXtts.Core.Tests.Training.Distributed;

public sealed class BatchShardTests
{
    private static readonly int[] Plan = Enumerable.Range(100, 7).ToArray();   // 7 batches, named 100…106

    [Fact]
    public void Across_ranks_every_batch_of_the_epoch_is_read_and_every_rank_reads_the_same_count()
    {
        var shares = Enumerable.Range(0, 3).Select(r => new BatchShard(r, 3).Select(Plan, 0)).ToArray();

        Assert.All(shares, s => Assert.Equal(3, s.Count));   // ⌈7 / 3⌉: the same number of optimizer steps everywhere
        Assert.Equal(Plan, shares.SelectMany(s => s).Distinct().Order());
        Assert.Equal([102, 105, 101], shares[2]);   // the last round wraps to the start of the plan
        Assert.Equal(3, new BatchShard(2, 3).BatchesPerRank(Plan.Length));
    }

    [Fact]
    public void Resuming_at_a_global_position_with_another_world_size_reads_exactly_the_batches_not_yet_consumed()
    {
        var plan = Enumerable.Range(0, 12).ToArray();
        // Two ranks took three steps: global position 6 (batches 0–5). Three ranks continue from there.
        var rest = Enumerable.Range(0, 3).SelectMany(r => new BatchShard(r, 3).Select(plan, 6)).Order();

        Assert.Equal(Enumerable.Range(6, 6), rest);
    }

    [Fact]
    public void One_process_reads_the_plan_in_order_from_the_start_position()
    {
        Assert.Equal(Plan.Skip(2), BatchShard.Single.Select(Plan, 2));
        Assert.Empty(BatchShard.Single.Select(Plan, 7));
        Assert.Equal(5, BatchShard.Single.LocalPosition(5));
    }

    [Fact]
    public void A_global_position_maps_to_the_batches_this_rank_has_read()
    {
        Assert.Equal(2, new BatchShard(1, 2).LocalPosition(4));
        Assert.Equal(3, new BatchShard(1, 2).LocalPosition(5));   // the wrapped last round counts as read
    }

    [Fact]
    public void A_rank_outside_the_world_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchShard(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchShard(0, 0));
    }
}
