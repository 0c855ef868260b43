using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;
using MyXtts.Core.Training.Vocoder;
using MyXtts.Plugins.Vocoders.HiFiGan;
using MyXtts.Plugins.Vocoders.HiFiGan.Losses.Terms;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Training;

/// <summary>
/// A stage-2 run small enough for unit tests: a custom generator (rates 8·8·4 = hop 256, 16 channels, one ResBlock2),
/// discriminators at 1/8 width, 1024-sample segments of synthetic tone clips.
/// </summary>
internal static class StageTwoFixture
{
    public static readonly MelSettings Mel = new();

    /// <summary>
    /// Ops this small are dominated by thread hand-off: on a loaded 2-core CI machine one step took 3.9 s with 2 intra-op
    /// threads and 0.5 s with 1 (measured), so stage-2 tests run single-threaded, as the train command tests do (--threads 1).
    /// </summary>
    static StageTwoFixture() => set_num_threads(1);

    public const string TinyConfigJson = """
        {"resblock": "2", "upsample_rates": [8, 8, 4], "upsample_kernel_sizes": [16, 16, 8], "upsample_initial_channel": 16,
         "resblock_kernel_sizes": [3], "resblock_dilation_sizes": [[1, 2]], "num_mels": 80}
        """;

    /// <summary>Tone clips (different pitches and lengths) with their mels, computed as the feature cache would.</summary>
    public static IReadOnlyList<VocoderClip> Clips(int count, int seconds10 = 3)
    {
        using var transform = new MelSpectrogram(Mel);
        var clips = new List<VocoderClip>();
        for (int i = 0; i < count; i++)
        {
            var samples = new float[Mel.SampleRate * seconds10 / 10 + 97 * i];
            double f = 150 + 60 * i;
            for (int n = 0; n < samples.Length; n++)
                samples[n] = (float)(0.4 * Math.Sin(2 * Math.PI * f * n / Mel.SampleRate) + 0.15 * Math.Sin(2 * Math.PI * 2.5 * f * n / Mel.SampleRate));
            using var scope = NewDisposeScope();
            var mel = transform.Compute(tensor(samples));   // [n_mels, frames]
            clips.Add(new VocoderClip($"clip{i}", samples, mel.contiguous().data<float>().ToArray(), (int)mel.shape[0], (int)mel.shape[1]));
        }
        return clips;
    }

    public static HiFiGanVocoder Vocoder(string folder, int divisor = 8)
    {
        var config = Path.Combine(folder, "tiny.json");
        File.WriteAllText(config, TinyConfigJson);
        return new HiFiGanVocoder(new HiFiGanOptions { Config = config, DiscriminatorChannelDivisor = divisor }, Mel);
    }

    public static VocoderLossSet Losses() => new(
        [("discriminator_loss", new DiscriminatorLoss()), ("generator_adversarial_loss", new GeneratorAdversarialLoss()),
         ("feature_matching_loss", new FeatureMatchingLoss()), ("vocoder_mel_loss", new VocoderMelLoss())],
        new Dictionary<string, double>());

    public static VocoderTrainer Trainer(IVocoderTrainingModel model, IReadOnlyList<VocoderClip> clips, VocoderTrainerOptions options,
        string? checkpoints = null, ITrainingReporter? reporter = null, IReadOnlyList<VocoderClip>? validation = null, string? samples = null) =>
        new(new VocoderTrainerSetup
        {
            Model = model, VocoderName = "hifigan", Losses = Losses(), Train = new InMemoryClipSource(clips),
            Validation = validation is null ? null : new InMemoryClipSource(validation), Mel = Mel, Options = options,
            Checkpoints = checkpoints is null ? null : new CheckpointStore(checkpoints, 3, Serilog.Core.Logger.None),
            Reporter = reporter ?? new CompositeReporter(), SamplesDirectory = samples,
        });

    public static VocoderTrainerOptions Options(int epochs, long? maxSteps = null, double learningRate = 2e-4, int batchSize = 1) => new()
    {
        Epochs = epochs, MaxSteps = maxSteps, BatchSize = batchSize, SegmentSize = 1024, LearningRate = learningRate, LogEvery = 1, SaveEvery = 1000,
        MaxValidationSeconds = 0.2, ValidationWavs = 1,
    };

    /// <summary>Collects the per-step window metrics.</summary>
    public sealed class StepLog : ITrainingReporter
    {
        public List<IReadOnlyDictionary<string, double>> Steps { get; } = [];
        public List<EpochReport> Epochs { get; } = [];
        public void RunStarted(RunSummary summary) { }
        public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { }
        public void StepCompleted(StepReport report) { if (report.Metrics is not null) Steps.Add(report.Metrics); }
        public void EpochCompleted(EpochReport report) => Epochs.Add(report);
        public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) { }
    }
}

/// <summary>
/// Stage-2 tests seed torch's global generator and set its thread count, so they run alone: in parallel, another test's
/// random weights would come from their seed, and theirs from the other's draws.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StageTwoCollection
{
    public const string Name = "stage 2";
}
