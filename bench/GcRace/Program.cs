// Measures the TorchSharp finalizer race that MyXtts.Core.Runtime.CollectionSafePoints exists for: one thread does
// integer tensor additions (each creates an implicit alpha Scalar that TorchSharp frees in a finalizer) while another
// thread allocates managed memory (as the prefetching loader does); counts the additions that fail.
//   bench/GcRace/bin/Release/net10.0/GcRace SECONDS MB_PER_S    (runs "off" then "safe-points", prints both)
using System.Diagnostics;
using MyXtts.Core.Runtime;
using static TorchSharp.torch;

var seconds = args.Length > 0 ? double.Parse(args[0]) : 20;
var megabytesPerSecond = args.Length > 1 ? int.Parse(args[1]) : 100;
set_num_threads(1);
foreach (var safePoints in new[] { false, true })
{
    var (additions, failures, collections) = Run(safePoints);
    Console.WriteLine($"safe points {(safePoints ? "on " : "off")}: {additions:N0} additions, {failures} failed " +
                      $"({(failures == 0 ? "none" : $"1 per {additions / failures:N0}")}), {collections} gen-0 collections in {seconds} s " +
                      $"with another thread allocating {megabytesPerSecond} MB/s");
}
CollectionSafePoints.Leave();

(long Additions, long Failures, int Collections) Run(bool safePoints)
{
    var stop = false;
    var noise = new Thread(() =>
    {
        var keep = new List<byte[]>();
        var perMillisecond = Math.Max(1, megabytesPerSecond * 1000);   // bytes per ms
        while (!Volatile.Read(ref stop))
        {
            keep.Add(new byte[perMillisecond]);
            if (keep.Count > 50) keep.Clear();
            Thread.Sleep(1);
        }
    });
    var collections = GC.CollectionCount(0);
    noise.Start();
    long additions = 0, failures = 0;
    using var lengths = tensor(new long[] { 3, 5, 7, 9 });
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        if (safePoints) CollectionSafePoints.Reach();
        using var scope = NewDisposeScope();
        try
        {
            for (var i = 0; i < 100; i++, additions++) _ = (lengths + 1).div(2, rounding_mode: RoundingMode.floor);
        }
        catch (Exception) { failures++; }
    }
    Volatile.Write(ref stop, true);
    noise.Join();
    CollectionSafePoints.Leave();
    return (additions, failures, GC.CollectionCount(0) - collections);
}
