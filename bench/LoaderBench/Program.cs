// LoaderBench DATASET [batch] [epochs] [workers] [prefetch] [config]
// Does the trainer ever wait for data with a warm cache? Opens DATASET through the project's pipeline with the tiny preset's
// settings (configs/tiny.json unless [config] names another file; the first run fills the cache), then
//  1. times full epochs of the prefetching loader alone (consumer doing no work): batches/s, wait per batch;
//  2. trains the tiny preset's acoustic model (AcousticModels.Create from those settings, all its built-in loss terms, the real
//     Trainer) for one epoch on the same loader, timing every optimizer step and, separately, how long each step waited
//     for its batch (time spent inside the loader's MoveNext).
// batch defaults to the preset's data.batch_size; threads to the preset's runtime.threads.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Profiling;
using MyXtts.Bench.LoaderBench;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Models;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Losses;

var dataset = args.Length > 0 ? args[0] : throw new ArgumentException("usage: LoaderBench DATASET [batch] [epochs] [workers] [prefetch] [config]");
var configPath = args.Length > 5 ? args[5] : Path.Combine(RepoRoot(), "configs", "tiny.json");
var preset = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(configPath)).Build().Get<MyXttsSettings>() ?? new MyXttsSettings();
var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : preset.Data.BatchSize;
var epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
var prefetch = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
var settings = preset with { Data = preset.Data with { PreprocessingMode = "precompute", BatchSize = batch } };
TorchSharp.torch.set_num_threads(Math.Max(1, settings.Runtime.Threads));
Console.WriteLine($"config {configPath}: batch {batch}, {workers} loader workers, prefetch {prefetch}, {TorchSharp.torch.get_num_threads()} torch threads; load average {LoadAverage()}");

var open = Stopwatch.StartNew();
using var data = DatasetPipeline.Open(settings, new DatasetPaths(dataset), NullProfiler.Instance, Serilog.Core.Logger.None);
Console.WriteLine($"opened {data.Train.Count} clips in {open.Elapsed.TotalSeconds:0.0} s (cache filled or checked)");

var speakers = Enumerable.Range(0, data.Train.Count).Select(data.Train.Speaker).ToList();
var mel = settings.Model.ToMelSettings();
var sampler = new BucketBatchSampler(data.Train.Frames, batch, seed: 1);
var collator = new BatchCollator(data.Train, new ReferencePicker(speakers, 1), data.Speakers, (float)Math.Log(mel.LogClamp),
    (int)(settings.Data.ReferenceAudioLength * mel.SampleRate / mel.HopLength), 1);
var loader = new PrefetchingBatchLoader(collator, data.Train, NullProfiler.Instance, prefetch, workers);

// 1. The loader alone.
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
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"loader alone, epoch {epoch}: {waits.Count} batches of {batch} in {clock.Elapsed.TotalSeconds:0.00} s = {waits.Count / clock.Elapsed.TotalSeconds:0.0} batches/s, " +
        $"{frames * (double)mel.HopLength / mel.SampleRate / clock.Elapsed.TotalSeconds:0}x real time; wait per batch p50 {Percentile(waits, 0.5):0.00} ms, max {waits.Max():0.00} ms"));
}

// 2. The tiny acoustic model training on it.
TorchSharp.torch.manual_seed(1);
using var model = AcousticModels.Create(settings.Model, data.Tokenizer.Definition.Symbols.Count);
var terms = LossWeights.Apply(AcousticModels.LossTermNames(settings.Model.DecoderStrategy).Select(name => (name, Term(name))), settings.Training.LossWeights);
var source = new TimedBatches(new LoaderBatchSource(sampler, loader, data.Train.Count));
var steps = new StepClock();
using (var trainer = new Trainer(new TrainerSetup
{
    Model = model, LossTerms = terms, Train = source, Settings = settings.Training, BatchSize = batch, Reporter = steps,
    Options = TrainerOptions.From(settings.Training) with { Epochs = 1, ValidateEvery = 0, LogEvery = int.MaxValue },
}))
    trainer.Fit();

const int warmup = 3;   // the first steps allocate the allocator's pools and the optimizer state
var stepMs = steps.Milliseconds.Skip(warmup).ToList();
var waitMs = source.WaitMilliseconds.Skip(warmup + 1).ToList();   // + the trainer's first read (mel statistics)
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"tiny acoustic model ({model.Module.parameters().Sum(p => p.numel()):N0} parameters), {stepMs.Count} steps after {warmup} warm-up: step p50 {Percentile(stepMs, 0.5):0} ms " +
    $"(mean {stepMs.Average():0}, {1000 / stepMs.Average():0.00} steps/s); waited for data p50 {Percentile(waitMs, 0.5):0.00} ms, max {waitMs.Max():0.00} ms, " +
    $"{waitMs.Sum() / stepMs.Sum():P2} of the step time"));
Console.WriteLine($"load average at the end: {LoadAverage()}");
return;

static ILossTerm Term(string name) => name switch
{
    MelLoss.Name => new MelLoss(),
    AttentionLoss.Name => new AttentionLoss(),
    DurationLoss.Name => new DurationLoss(),
    StopLoss.Name => new StopLoss(),
    PitchLoss.Name => new PitchLoss(),
    EnergyLoss.Name => new EnergyLoss(),
    VoiceSimilarityLoss.Name => new VoiceSimilarityLoss(),
    SpeakerContrastiveLoss.Name => new SpeakerContrastiveLoss(),
    _ => throw new ArgumentException($"no built-in loss term '{name}'"),
};

static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Min(values.Count - 1, p * values.Count));

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "MyXtts.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
