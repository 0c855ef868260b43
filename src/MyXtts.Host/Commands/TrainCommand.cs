using System.CommandLine;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Runtime;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Models;
using MyXtts.Core.Training.Reporting;
using MyXtts.Core.Training.Samples;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Host.Cli;
using MyXtts.Host.Vocoders;
using MyXtts.Host.Composition;
using MyXtts.Host.Configuration;
using MyXtts.Host.Distributed;
using MyXtts.Host.Logging;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;
using MyXtts.Host.Speakers;
using MyXtts.Abstractions.Plugins;
using Serilog;
using Spectre.Console;
using TorchSharp;

namespace MyXtts.Host.Commands;

/// <summary>
/// <c>myxtts train</c>: builds the data, the acoustic model <c>model.*</c> describes, the loss terms (the model's built-in
/// terms plus every <c>--plugin</c> loss) and the metrics sinks (<c>jsonl</c> plus any selected), then runs the
/// <see cref="Trainer"/>. Ctrl-C saves a checkpoint and exits with 130.
/// </summary>
public static class TrainCommand
{
    /// <summary>Plugins every training run of <paramref name="model"/> uses besides the <c>--plugin</c> ones: its loss terms and the JSONL sink.</summary>
    public static IReadOnlyList<string> DefaultPlugins(MyXtts.Abstractions.Configuration.ModelSettings model) =>
        [.. AcousticModels.LossTermNames(model.DecoderStrategy), .. DefaultSinks];

    /// <summary>Metrics sinks every training run (either stage) writes to besides the selected ones.</summary>
    public static readonly IReadOnlyList<string> DefaultSinks = ["jsonl"];

    private sealed class Options
    {
        public readonly Option<string?> Resume = new("--resume") { Description = "Continue from the latest valid checkpoint in the checkpoint folder, or from PATH.", Arity = ArgumentArity.ZeroOrOne, HelpName = "path" };
        public readonly Option<long?> MaxSteps = new("--max-steps") { Description = "Stop (with a checkpoint) after this many optimizer steps in all.", HelpName = "n" };
        public readonly Option<string?> ValData = new("--val-data") { Description = "Validation dataset folder (metadata.csv + wavs/); default: data.val_split of --train-data.", HelpName = "dir" };
        public readonly Option<string[]> ProgressTerms = new("--progress-terms") { Description = "More numbers for progress lines, which show every loss term already: weighted contributions (w_mel_loss), a term's own metrics (term/metric) or grad_norm (comma-separated or repeated).", HelpName = "name,...", AllowMultipleArgumentsPerToken = true };
        public readonly Option<bool> PrefetchToGpu = new("--prefetch-to-gpu") { Description = "Copy the next batches to the GPU while a step runs (default on CUDA)." };
        public readonly Option<bool> NoPrefetchToGpu = new("--no-prefetch-to-gpu") { Description = "Keep prefetched batches in host memory; each step copies its batch." };
        public readonly Option<FileInfo?> ExportSafetensors = new("--export-safetensors") { Description = "After training, write the model's weights to this .safetensors file.", HelpName = "file" };
        public readonly Option<FileInfo?> InitWeights = new("--init-weights") { Description = "Start from these weights (.safetensors from `myxtts export` or --export-safetensors; same model.* sizes) instead of a random initialisation, e.g. to fine-tune; their vocabulary is reused. Only optimizer-free weights: --resume continues a run exactly and wins over this.", HelpName = "file" };

        public readonly Option<bool> TwoStage = new("--two-stage-training") { Description = "After the acoustic model (stage 1), train the vocoder (stage 2, --stage2-* and --vocoder* flags) on the same data into <checkpoint-dir>/stage2/." };
        public readonly VocoderTrainingFlags Stage2 = new();

        public IEnumerable<Option> All => [Resume, MaxSteps, ValData, ProgressTerms, PrefetchToGpu, NoPrefetchToGpu, ExportSafetensors, InitWeights];
        public readonly Evaluation.TrainingEvaluation.Options Evaluation = new();
    }

    public static Command Create(GlobalOptions globals, CliContext context, Func<ParseResult, EffectiveConfiguration> configuration)
    {
        var options = new Options();
        var command = new Command("train", "Train the acoustic model with checkpoints, exact resume, loss plugins and metrics sinks.");
        foreach (var option in options.All) command.Options.Add(option);
        foreach (var option in options.Evaluation.All) command.Options.Add(option);
        command.Options.Add(options.TwoStage);
        options.Stage2.AddTo(command);
        var launchLocal = LocalLaunch.CreateOption();
        command.Options.Add(launchLocal);
        command.SetAction(parse => parse.GetValue(launchLocal) is { } n ? LocalLaunch.Run(parse, n, configuration(parse), context.Error) : Run(parse, globals, options, context, configuration(parse)));
        return command;
    }

    private static int Run(ParseResult parse, GlobalOptions globals, Options options, CliContext context, EffectiveConfiguration configuration)
    {
        var settings = configuration.Settings;
        if (string.IsNullOrWhiteSpace(settings.Data.DatasetPath))
            throw new ConfigurationException("No training data: give --train-data DIR (a folder with metadata.csv and wavs/) or set data.dataset_path.");
        if (parse.GetValue(options.PrefetchToGpu) && parse.GetValue(options.NoPrefetchToGpu))
            throw new ConfigurationException("--prefetch-to-gpu and --no-prefetch-to-gpu contradict each other; give only one.");
        using var processes = TrainingProcesses.Join(context.Environment, TimeSpan.FromSeconds(settings.Training.DistributedTimeout));   // several under mpirun
        var twoStage = parse.GetValue(options.TwoStage);
        if (twoStage && processes.Group.WorldSize > 1)
            throw new ConfigurationException("--two-stage-training runs stage 2 in one process; under mpirun, train stage 1 here and then run `myxtts train-vocoder` once.");
        var stage2 = options.Stage2.Read(parse) with { ValidationData = parse.GetValue(options.ValData) };
        var pretrained = PretrainedConditioningChoice.From(configuration);
        using var session = processes.Start(configuration, c => RunSession.Start(parse, globals, context, "train", DefaultPlugins(settings.Model), c,
            (c, catalog) => [.. twoStage ? VocoderTraining.Plugins(stage2, catalog) : [],
                             .. pretrained.Enabled ? SpeakerEncoderChoice.SelectionValues(c, catalog, parse.GetValue(globals.Plugin) ?? []) : []]));
        return processes.Complete(session.Log, () =>
        {
            try
            {
                var exit = Train(parse, options, context, session, processes, PretrainedSpeakerConditioning.Create(session, pretrained));
                return exit != 0 || !twoStage ? exit : TrainVocoder(parse, options, session, stage2);
            }
            catch (Exception e) when (e is CheckpointException or TrainingDivergedException or InvalidDataException or InvalidOperationException or DirectoryNotFoundException or FileNotFoundException or ArgumentException or FormatException)
            {
                session.Log.Error("{Error}", e.Message);
                return e is TrainingDivergedException ? 3 : 2;
            }
        });
    }

    private static int Train(ParseResult parse, Options options, CliContext context, RunSession session, TrainingProcesses processes,
        PretrainedSpeakerConditioning pretrained)
    {
        var (settings, configuration, runDirectory, log, device, run) = (session.Settings, session.Configuration, session.RunDirectory, session.Log, session.Device, session.Plugins);
        var store = new CheckpointStore(Path.Combine(runDirectory, settings.Training.CheckpointDir), keepLast: 3, log);
        var resume = parse.GetResult(options.Resume) is null ? null
            : parse.GetValue(options.Resume) is { } path ? TrainingCheckpoint.Read(path) : store.ReadLatest();
        var prefetch = PrefetchPlacement.Choose(device.Device, parse.GetValue(options.PrefetchToGpu) ? true : parse.GetValue(options.NoPrefetchToGpu) ? false : null);
        prefetch.Log(log, device.Device);
        var initWeights = InitialWeights(parse.GetValue(options.InitWeights), resume, log);
        using var data = TrainingData.Load(new TrainingDataRequest(settings.Data.DatasetPath, parse.GetValue(options.ValData),
            resume?.Manifest.Tokenizer ?? initWeights?.Tokenizer, prefetch.Target) { Shard = processes.Shard, Conditioning = pretrained.Batches(settings.Data.ReferenceAudioLength, (int)settings.Training.Seed, log) }, settings, run.Profiler, log);
        using var model = AcousticModels.Create(settings.Model, data.Tokenizer.Symbols.Count, pretrained.EmbeddingDim);
        if (initWeights is { } init)
        {
            ModelWeights.ImportSafetensors(model.Module, init.Path, data.Tokenizer, settings.Model.ToMelSettings());
            log.Information("Initialised the model from {Weights}", init.Path);
        }
        model.Module.to(device.Device);
        model.SpeakerEncoder = pretrained.FineTuned;
        pretrained.TrainableModule?.to(device.Device);
        using var samples = settings.Training.ValidationSamples == 0 ? null : new ValidationSampler(
            new GriffinLimVocoder(new GriffinLimOptions(), settings.Model.ToMelSettings()), settings.Training.ValidationSamples, runDirectory, run.MetricsSinks, log);
        using var evaluation = options.Evaluation.Create(parse, session, data, pretrained.Encoder);

        var interactive = ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected;
        var terms = (parse.GetValue(options.ProgressTerms) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var progress = interactive ? new TrainProgress(AnsiConsole.Console, terms) : null;
        using var trainer = new Trainer(new TrainerSetup
        {
            Model = model, LossTerms = LossWeights.Apply(run.LossTerms.Select(t => (t.Name, t.Term)), settings.Training.LossWeights),
            Train = data.Train, Validation = data.Validation, Settings = settings.Training,
            Options = TrainerOptions.From(settings.Training, parse.GetValue(options.MaxSteps)), BatchSize = settings.Data.BatchSize,
            Precision = device.Precision, Device = device.Device.ToString(), Checkpoints = store, Profiler = run.Profiler, Log = log, ProcessGroup = processes.Group, Samples = samples,
            Reporter = new CompositeReporter([new LogReporter(log, periodicLines: !interactive, terms), new MetricsReporter(run.MetricsSinks), .. progress is null ? [] : new ITrainingReporter[] { progress }]),
            Configuration = ResolvedConfigJson.Write(configuration), Tokenizer = data.Tokenizer, Mel = settings.Model.ToMelSettings(),
            Evaluator = evaluation, SpeakerEncoder = pretrained.TrainableModule, SpeakerEncoderRecord = pretrained.Record,
        });
        if (resume is not null)
        {
            pretrained.CheckResume(resume.Manifest, log);
            trainer.Resume(resume);
        }

        var outcome = FitUntilStopped(trainer, progress, log);
        processes.CheckReplicas(model.Module, log);
        if (parse.GetValue(options.ExportSafetensors) is { } export && processes.Group.Rank == 0)
        {
            ModelWeights.ExportSafetensors(model.Module, export.FullName, model.Description, data.Tokenizer, settings.Model.ToMelSettings(), trainer.Progress.Step);
            log.Information("Exported weights to {Path}", export.FullName);
        }
        log.Information("Run folder: {RunFolder}; checkpoints: {CheckpointDir}", runDirectory, store.Directory);
        return outcome == TrainingOutcome.Interrupted ? 130 : 0;
    }

    /// <summary><c>--init-weights</c>, with the vocabulary stored beside them; null without the flag or when resuming (the checkpoint holds the weights).</summary>
    private static (string Path, Core.Text.TokenizerDefinition? Tokenizer)? InitialWeights(FileInfo? file, TrainingCheckpoint? resume, ILogger log)
    {
        if (file is null) return null;
        if (!file.Exists) throw new FileNotFoundException($"--init-weights '{file.FullName}' does not exist. Give a .safetensors file written by `myxtts export` or `train --export-safetensors`.", file.FullName);
        if (resume is null) return (file.FullName, ModelWeights.ReadTokenizer(file.FullName));
        log.Information("Resuming from {Checkpoint}, which holds the weights; --init-weights {Weights} applies only to a fresh run", resume.Manifest.Path, file.FullName);
        return null;
    }

    /// <summary>
    /// Stage 2 of <c>--two-stage-training</c>, after stage 1 ended normally: the vocoder on the same data, resuming its own
    /// checkpoints in <c>&lt;checkpoint-dir&gt;/stage2/</c> when <c>--resume</c> was given and some exist.
    /// </summary>
    private static int TrainVocoder(ParseResult parse, Options options, RunSession session, VocoderTrainingOptions stage2)
    {
        var resume = parse.GetResult(options.Resume) is not null && Directory.Exists(VocoderTraining.CheckpointDirectory(session))
                     && Directory.EnumerateFiles(VocoderTraining.CheckpointDirectory(session), "*.ckpt").Any();
        session.Log.Information("Stage 1 done; stage 2: training the {Vocoder} vocoder into {Folder}", stage2.Vocoder, VocoderTraining.CheckpointDirectory(session));
        using var stop = new StopSignals(session.Log, "a stage-2 checkpoint");
        return VocoderTraining.Run(session, stage2 with { Resume = resume }, stop.Token) == TrainingOutcome.Interrupted ? 130 : 0;
    }

    /// <summary>Trains with Ctrl-C and SIGTERM wired to a stop request (a second signal ends the process at once).</summary>
    private static TrainingOutcome FitUntilStopped(Trainer trainer, TrainProgress? progress, ILogger log)
    {
        using var stop = new StopSignals(log);
        return progress is null ? trainer.Fit(stop.Token) : progress.Run(() => trainer.Fit(stop.Token));
    }
}
