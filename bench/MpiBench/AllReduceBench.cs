using System.Diagnostics;
using MyXtts.Core.Training.Distributed;
using static TorchSharp.torch;

/// <summary>All-reduce time and bus bandwidth by message size; checks the result (sum of ranks' values) and that every rank holds the same bits.</summary>
internal static class AllReduceBench
{
    public static int Run(MpiProcessGroup group, double maxMegabytes, int repeats)
    {
        if (group.Rank == 0) Console.WriteLine($"ranks {group.WorldSize}; size_MB  best_ms  median_ms  algbw_GB/s  busbw_GB/s");
        for (long bytes = 4096; bytes <= maxMegabytes * 1e6; bytes *= 4)
        {
            var n = bytes / 4;
            using var buffer = full(n, group.Rank + 1.0f, ScalarType.Float32);
            group.AllReduceMean([buffer]);   // warm-up, and the check: the mean of 1..W
            var expected = (group.WorldSize + 1) / 2.0f;
            if (buffer.ne(expected).any().item<bool>()) throw new InvalidOperationException($"wrong all-reduce result at {bytes} bytes");
            var times = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                group.Barrier();
                var clock = Stopwatch.StartNew();
                group.AllReduceMean([buffer]);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            // Bus bandwidth as nccl-tests defines it: algbw · 2(W−1)/W, comparable across world sizes.
            var algbw = bytes / (times[0] / 1e3) / 1e9;
            if (group.Rank == 0)
                Console.WriteLine($"{bytes / 1e6,10:F3} {times[0],8:F3} {times[times.Count / 2],10:F3} {algbw,11:F3} {algbw * 2 * (group.WorldSize - 1) / group.WorldSize,11:F3}");
        }
        return 0;
    }
}
