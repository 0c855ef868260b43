// LoaderBench DATASET [batch] [epochs] [workers] [prefetch]
// Opens DATASET through the project's pipeline (filling the cache on the first run), then times full epochs of the
// prefetching loader with a warm cache: batches/s, and how long the consumer waited for each batch. A consumer that
// does nothing measures the loader alone; the training step time to compare with is in bench/README.md.
using System.Diagnostics;
using System.Globalization;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Preparation;

var dataset = args.Length > 0 ? args[0] : throw new ArgumentException("usage: LoaderBench DATASET [batch] [epochs] [workers] [prefetch]");
var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
var prefetch = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
TorchSharp.torch.set_num_threads(2);

var settings = new MyXttsSettings { Data = new DataSettings { PreprocessingMode = "precompute" } };
var open = Stopwatch.StartNew();
using var data = DatasetPipeline.Open(settings, new DatasetPaths(dataset), NullProfiler.Instance, Serilog.Core.Logger.None);
Console.WriteLine($"opened {data.Train.Count} clips in {open.Elapsed.TotalSeconds:0.0} s (cache filled or checked)");

var speakers = Enumerable.Range(0, data.Train.Count).Select(data.Train.Speaker).ToList();
var sampler = new BucketBatchSampler(data.Train.Frames, batch, seed: 1);
var collator = new BatchCollator(data.Train, new ReferencePicker(speakers, 1), data.Speakers, MathF.Log(1e-5f), 259, 1);
var loader = new PrefetchingBatchLoader(collator, data.Train, NullProfiler.Instance, prefetch, workers);
for (var epoch = 0; epoch < epochs; epoch++)
{
    var waits = new List<double>();
    var clock = Stopwatch.StartNew();
    var last = clock.Elapsed;
    long frames = 0;
    await foreach (var b in loader.ReadEpochAsync(sampler.Plan(epoch), epoch, 0))
    {
        using (b)
        {
            waits.Add((clock.Elapsed - last).TotalMilliseconds);
            frames += b.Batch.MelLengths.sum().item<long>();
        }
        last = clock.Elapsed;
    }
    waits.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"epoch {epoch}: {waits.Count} batches of {batch} in {clock.Elapsed.TotalSeconds:0.00} s = {waits.Count / clock.Elapsed.TotalSeconds:0.0} batches/s, " +
        $"{frames * 256.0 / 22050 / clock.Elapsed.TotalSeconds:0}x real time; wait per batch p50 {waits[waits.Count / 2]:0.00} ms, max {waits[^1]:0.00} ms"));
}
