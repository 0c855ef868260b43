using MyXtts.Core.Runtime;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Runtime;

/// <summary>The no-GC region is process-wide, so these tests run alone, not beside other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GarbageCollectionStateCollection
{
    public const string Name = "process-wide garbage collection state";
}

[Collection(GarbageCollectionStateCollection.Name)]
public sealed class CollectionSafePointsTests : IDisposable
{
    public CollectionSafePointsTests() => CollectionSafePoints.Leave();

    public void Dispose() => CollectionSafePoints.Leave();

    [Fact]
    public void No_collection_runs_between_safe_points_while_another_thread_allocates()
    {
        CollectionSafePoints.Reach();
        var before = GC.CollectionCount(0);
        Allocate(CollectionSafePoints.Budget / 4, onAnotherThread: true);
        Assert.Equal(before, GC.CollectionCount(0));
        Assert.True(CollectionSafePoints.RegionActive);
    }

    [Fact]
    public void A_safe_point_keeps_the_region_until_half_the_budget_is_used_then_renews_it_with_one_collection()
    {
        CollectionSafePoints.Reach();
        var start = GC.CollectionCount(0);
        Allocate(CollectionSafePoints.Budget / 8, onAnotherThread: false);
        CollectionSafePoints.Reach();
        Assert.Equal(start, GC.CollectionCount(0));

        Allocate(CollectionSafePoints.Budget / 2, onAnotherThread: false);
        CollectionSafePoints.Reach();
        Assert.True(GC.CollectionCount(0) > start);
        Assert.True(CollectionSafePoints.RegionActive);
    }

    [Fact]
    public void Every_few_safe_points_renew_the_region_so_finalizers_free_what_they_hold()
    {
        CollectionSafePoints.Reach();
        var start = GC.CollectionCount(0);
        for (var i = 0; i < CollectionSafePoints.RenewEvery - 1; i++) CollectionSafePoints.Reach();
        Assert.Equal(start, GC.CollectionCount(0));
        CollectionSafePoints.Reach();
        Assert.True(GC.CollectionCount(0) > start);
        Assert.True(CollectionSafePoints.RegionActive);
    }

    [Fact]
    public void Enter_ends_the_region_it_started_and_leaves_one_it_found()
    {
        using (CollectionSafePoints.Enter()) Assert.True(CollectionSafePoints.RegionActive);
        Assert.False(CollectionSafePoints.RegionActive);

        CollectionSafePoints.Reach();
        using (CollectionSafePoints.Enter()) Assert.True(CollectionSafePoints.RegionActive);
        Assert.True(CollectionSafePoints.RegionActive);
    }

    /// <summary>
    /// The race the class exists for: integer additions (whose implicit alpha scalar TorchSharp frees in a finalizer)
    /// while another thread allocates 100 MB/s. Without safe points this fails about once per 100,000 additions
    /// (bench/GcRace); with a safe point every 100 additions it must not fail at all.
    /// </summary>
    [Fact]
    public void Implicit_scalar_arithmetic_survives_a_thread_that_allocates_when_safe_points_are_reached()
    {
        var stop = false;
        var noise = new Thread(() =>
        {
            var keep = new List<byte[]>();
            while (!Volatile.Read(ref stop))
            {
                keep.Add(new byte[100_000]);
                if (keep.Count > 50) keep.Clear();
                Thread.Sleep(1);
            }
        });
        noise.Start();
        var failures = new List<string>();
        try
        {
            using var lengths = tensor(new long[] { 3, 5, 7, 9 });
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                CollectionSafePoints.Reach();
                using var scope = NewDisposeScope();
                try
                {
                    for (var i = 0; i < 100; i++)
                        Assert.Equal(new long[] { 2, 3, 4, 5 }, (lengths + 1).div(2, rounding_mode: RoundingMode.floor).data<long>().ToArray());
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException) { failures.Add(e.Message.Split('\n')[0]); }
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            noise.Join();
        }
        Assert.Empty(failures);
    }

    private static void Allocate(long bytes, bool onAnotherThread)
    {
        void Run()
        {
            var keep = new List<byte[]>();
            for (long done = 0; done < bytes; done += 64_000)
            {
                keep.Add(new byte[64_000]);
                if (keep.Count > 16) keep.Clear();
            }
        }
        if (!onAnotherThread) { Run(); return; }
        var thread = new Thread(Run);
        thread.Start();
        thread.Join();
    }
}
