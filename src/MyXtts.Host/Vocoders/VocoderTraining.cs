using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Core.Audio;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;
using MyXtts.Core.Training.Vocoder;
using MyXtts.Host.Cli;
using MyXtts.Host.Configuration;
using MyXtts.Host.Plugins;

namespace MyXtts.Host.Vocoders;

/// <summary>
/// Stage 2 inside a run session: the one entry point <c>myxtts train-vocoder</c> calls, and <c>train --two-stage-training</c>
/// calls after stage 1 (same session, same run folder). The session must have been started with <see cref="Plugins"/>
/// among its plugins. Checkpoints go to <c>&lt;checkpoint-dir&gt;/stage2/</c>, validation WAVs and mel-L1 files to
/// <c>&lt;run&gt;/stage2-samples/epoch-NNNN/</c>.
/// </summary>
public static class VocoderTraining
{
    /// <summary>Stage-2 checkpoint sub-folder of training.checkpoint_dir.</summary>
    public const string CheckpointFolder = "stage2";

    /// <summary>Validation output folder in the run folder.</summary>
    public const string SamplesFolder = "stage2-samples";

    /// <summary>The default loss terms (hifigan's plugins; generic over any GAN vocoder's discriminator verdicts).</summary>
    public static readonly IReadOnlyList<string> DefaultLossTerms = ["discriminator_loss", "generator_adversarial_loss", "feature_matching_loss", "vocoder_mel_loss"];

    /// <summary>
    /// Plugins a session running stage 2 needs: the vocoder and the default loss terms the catalog has. Pass as
    /// <c>configuredPlugins</c> to <see cref="RunSession.Start"/> (or add to the default plugins).
    /// </summary>
    public static IEnumerable<string> Plugins(VocoderTrainingOptions options, PluginCatalog catalog) =>
        [options.Vocoder, .. DefaultLossTerms.Where(name => catalog.Find(name) is not null)];

    /// <summary>Where stage-2 checkpoints of <paramref name="session"/> go.</summary>
    public static string CheckpointDirectory(RunSession session) =>
        Path.Combine(session.RunDirectory, session.Settings.Training.CheckpointDir, CheckpointFolder);

    /// <summary>Runs stage 2 to its end, <c>--max-steps</c> or <paramref name="stop"/>; errors are exceptions (checkpoint, data, configuration).</summary>
    public static TrainingOutcome Run(RunSession session, VocoderTrainingOptions options, CancellationToken stop = default)
    {
        var (settings, log, run) = (session.Settings, session.Log, session.Plugins);
        var trainable = Trainable(run.Vocoder, options.Vocoder);
        var mel = settings.Model.ToMelSettings();
        var store = new CheckpointStore(CheckpointDirectory(session), keepLast: 3, log);
        var resume = !options.Resume ? null : options.ResumePath is { } path ? VocoderCheckpoint.Read(path) : store.ReadLatest(VocoderCheckpoint.Read);

        using var opened = DatasetPipeline.Open(settings, new DatasetPaths(settings.Data.DatasetPath, options.ValidationData), run.Profiler, log);
        using var audio = new AudioLoader(DatasetPipeline.AudioOptions(settings.Data, mel.SampleRate));
        IVocoderClipSource Clips(PreparedDataset split) => options.TeacherForcedMel is { } hook
            ? new TeacherForcedClipSource(new DatasetClipSource(split, audio), hook) : new DatasetClipSource(split, audio);

        using var model = trainable.CreateTrainingModel(new VocoderTrainingRequest
        {
            Config = options.Config,
            PretrainedGenerator = options.PretrainedGenerator is { } p ? VocoderCheckpoint.GeneratorWeights(p) : null,
        });
        var losses = new VocoderLossSet(run.VocoderLossTerms.Select(t => (t.Name, t.Term)), settings.Training.LossWeights);
        var terms = losses.Terms.Select(t => t.Name).ToArray();
        using var trainer = new VocoderTrainer(new VocoderTrainerSetup
        {
            Model = model, VocoderName = options.Vocoder, Losses = losses, Train = Clips(opened.Train),
            Validation = opened.Validation.Count > 0 ? Clips(opened.Validation) : null, Mel = mel, Options = TrainerOptions(options, settings),
            Device = session.Device.Device, Checkpoints = store, SamplesDirectory = Path.Combine(session.RunDirectory, SamplesFolder),
            Reporter = new CompositeReporter(new LogReporter(log, periodicLines: true, terms), new MetricsReporter(run.MetricsSinks)),
            AudioSinks = run.MetricsSinks.OfType<IAudioMetricsSink>().ToArray(), Configuration = ResolvedConfigJson.Write(session.Configuration),
            Profiler = run.Profiler, Log = log,
        });
        log.Information("Stage 2: training vocoder {Vocoder} on {Source}{TeacherForced:l}", options.Vocoder, settings.Data.DatasetPath,
            options.TeacherForcedMel is null ? " (ground-truth mels)" : " (teacher-forced stage-1 mels)");
        if (resume is not null) trainer.Resume(resume);
        var outcome = trainer.Fit(stop);
        if (trainer.LastCheckpoint is { } last)
            log.Information("Stage-2 checkpoints: {CheckpointDir}; generator for --vocoder {Vocoder} --vocoder-checkpoint: {Generator}",
                store.Directory, options.Vocoder, VocoderCheckpoint.GeneratorWeights(last));
        return outcome;
    }

    private static ITrainableVocoder Trainable(Abstractions.Vocoders.IVocoder? vocoder, string name) => vocoder switch
    {
        ITrainableVocoder trainable => trainable,
        null => throw new ConfigurationException($"No vocoder plugin is selected for stage 2. Give --vocoder NAME (default {VocoderTrainingOptions.DefaultVocoder}); 'myxtts plugins list' shows the vocoders."),
        _ => throw new ConfigurationException($"The vocoder '{name}' ({vocoder.GetType().Name}) cannot be trained: it does not implement ITrainableVocoder. Use --vocoder hifigan or another trainable vocoder."),
    };

    private static VocoderTrainerOptions TrainerOptions(VocoderTrainingOptions options, Abstractions.Configuration.MyXttsSettings settings) => new()
    {
        Epochs = options.Epochs ?? settings.Training.Epochs, MaxSteps = options.MaxSteps, BatchSize = options.BatchSize,
        LearningRate = options.LearningRate, SegmentSize = options.SegmentSize, MaxValidationSeconds = options.MaxAudioSeconds,
        LogEvery = settings.Training.LogStep, SaveEvery = settings.Training.SaveStep, Seed = (int)settings.Training.Seed,
    };
}
