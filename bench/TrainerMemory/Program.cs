// Resident memory of the trainer over many tiny steps: every step's temporaries must be freed by its dispose scope.
// Usage: TrainerMemory [steps=2000] [warmup=200] [threads=1] [model=baseline|acoustic]
//   acoustic: the non-autoregressive acoustic model (every module: text encoder, audio encoder + perceiver, GST, pitch and
//   energy predictors, decoder, postnet) at the command tests' widths (16 channels, one layer each), with every built-in
//   loss term, so its own temporaries are measured at a step rate that fits 2,000 steps in minutes.
using System.Diagnostics;
using System.Globalization;
using MyXtts.Abstractions.Configuration;
using MyXtts.Bench.TrainerMemory;
using MyXtts.Core.Models;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Models;
using MyXtts.Core.Training.Reporting;
using static TorchSharp.torch;

var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
set_num_threads(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
manual_seed(1);

var acoustic = args.Length > 3 && args[3] == "acoustic";
using var model = acoustic ? (ITrainableModel)AcousticModels.Create(new ModelSettings
    {
        TextEncoderDim = 16, TextEncoderLayers = 1, TextEncoderHeads = 2, AudioEncoderDim = 16, AudioEncoderLayers = 1, AudioEncoderHeads = 2,
        DecoderDim = 16, DecoderLayers = 1, DecoderHeads = 2, SpeakerEmbeddingDim = 16, NumConditioningLatents = 4, GstNumTokens = 4,
        VoiceConditioningLayers = 1,
    }, 40)
    : new BaselineConvModel(new BaselineConvOptions { VocabSize = 40, NMels = 80, Channels = 64, Layers = 2, KernelSize = 5, Dropout = 0.1 });
WeightedLossTerm[] terms = acoustic
    ? [new(MelLoss.Name, new MelLoss(), 35.0, "bench"), new(AttentionLoss.Name, new AttentionLoss(), 0.1, "bench"),
       new(DurationLoss.Name, new DurationLoss(), 0.1, "bench"), new(PitchLoss.Name, new PitchLoss(), 0.1, "bench"),
       new(EnergyLoss.Name, new EnergyLoss(), 0.1, "bench"), new(SpeakerContrastiveLoss.Name, new SpeakerContrastiveLoss(), 1.0, "bench"),
       new(VoiceSimilarityLoss.Name, new VoiceSimilarityLoss(), 3.0, "bench")]
    : [new(MelLoss.Name, new MelLoss(), 35.0, "bench")];
var samples = new List<(long Step, double RssMb)>();
var clock = Stopwatch.StartNew();
var probe = new RssProbe(samples, warmup, every: 100, clock);
using var trainer = new Trainer(new TrainerSetup
{
    Model = model, LossTerms = terms,
    Train = new RandomBatches(batchesPerEpoch: 100, batchSize: 4, nMels: 80, vocab: 40),
    Validation = new RandomBatches(batchesPerEpoch: 4, batchSize: 4, nMels: 80, vocab: 40),
    Settings = new TrainingSettings { LearningRate = 1e-3, WarmupSteps = 100 },
    Options = new TrainerOptions { Epochs = int.MaxValue, MaxSteps = warmup + steps, LogEvery = 50 },
    Reporter = probe,
});
trainer.Fit();

var baseline = samples.First(s => s.Step == warmup).RssMb;
Console.WriteLine($"model: {(model is IAcousticModel a ? a.Description : "baseline conv")}");
Console.WriteLine("step\trss_mb\tgrowth_mb");
foreach (var (step, rss) in samples) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step}\t{rss:F1}\t{rss - baseline:+0.0;-0.0}"));
var growth = samples[^1].RssMb - baseline;
var peak = samples.Max(s => s.RssMb) - baseline;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RSS after {warmup} warm-up steps: {baseline:F1} MB; after {steps} more: {samples[^1].RssMb:F1} MB (growth {growth:+0.0;-0.0} MB, peak {peak:+0.0;-0.0} MB); {steps / probe.MeasuredSeconds:F1} steps/s; target < 50 MB: {(growth < 50 ? "PASS" : "FAIL")}"));
return growth < 50 ? 0 : 1;

/// <summary>Samples the process's resident set every <c>every</c> steps from the end of warm-up on.</summary>
internal sealed class RssProbe(List<(long Step, double RssMb)> samples, int warmup, int every, Stopwatch clock) : ITrainingReporter
{
    private double _start;
    public double MeasuredSeconds => clock.Elapsed.TotalSeconds - _start;

    public void RunStarted(RunSummary summary) { }
    public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { }
    public void EpochCompleted(EpochReport report) { }
    public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) { }

    public void StepCompleted(StepReport report)
    {
        if (report.Step < warmup || (report.Step - warmup) % every != 0) return;
        if (report.Step == warmup) _start = clock.Elapsed.TotalSeconds;
        samples.Add((report.Step, Rss()));
    }

    private static double Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);
    }
}
