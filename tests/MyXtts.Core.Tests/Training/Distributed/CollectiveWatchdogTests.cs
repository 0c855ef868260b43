using System.Collections.Concurrent;
using MyXtts.Core.Training.Distributed;

namespace MyXtts.Core.Tests.Training.Distributed;

public sealed class CollectiveWatchdogTests
{
    [Fact]
    public void A_collective_that_waits_longer_than_the_timeout_is_reported_once_with_its_name_and_limit()
    {
        var reports = new ConcurrentQueue<(string Operation, TimeSpan Waited, TimeSpan Limit)>();
        using var watchdog = new CollectiveWatchdog(TimeSpan.FromMilliseconds(100), (op, waited, limit) => reports.Enqueue((op, waited, limit)));

        using (watchdog.Enter("all-reduce")) Thread.Sleep(600);

        var report = Assert.Single(reports);
        Assert.Equal("all-reduce", report.Operation);
        Assert.True(report.Waited >= TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(100), report.Limit);
    }

    [Fact]
    public void Collectives_that_finish_within_the_timeout_are_never_reported()
    {
        var reports = 0;
        using var watchdog = new CollectiveWatchdog(TimeSpan.FromMilliseconds(300), (_, _, _) => Interlocked.Increment(ref reports));

        for (var i = 0; i < 5; i++)
            using (watchdog.Enter("barrier")) Thread.Sleep(50);
        Thread.Sleep(400);   // idle time between collectives does not count

        Assert.Equal(0, reports);
    }

    [Fact]
    public void A_longer_allowance_given_at_entry_replaces_the_timeout_for_that_collective()
    {
        var reports = 0;
        using var watchdog = new CollectiveWatchdog(TimeSpan.FromMilliseconds(50), (_, _, _) => Interlocked.Increment(ref reports));

        using (watchdog.Enter("broadcast", TimeSpan.FromSeconds(30))) Thread.Sleep(300);

        Assert.Equal(0, reports);
    }
}
