using System.CommandLine;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;
using MyXtts.Host.Cli;
using MyXtts.Host.Configuration;
using MyXtts.Host.Vocoders;

namespace MyXtts.Host.Commands;

/// <summary>
/// <c>myxtts train-vocoder</c>: stage 2 alone — trains or fine-tunes a GAN vocoder plugin (default <c>hifigan</c>) on the
/// dataset's cached mels and waveforms, with checkpoints in &lt;checkpoint-dir&gt;/stage2/ and per-epoch validation WAVs.
/// Ctrl-C saves a checkpoint and exits with 130.
/// </summary>
public static class TrainVocoderCommand
{
    private sealed class Options
    {
        public readonly VocoderTrainingFlags Stage2 = new();
        public readonly Option<string?> Resume = new("--resume") { Description = "Continue from the latest valid checkpoint in <checkpoint-dir>/stage2, or from PATH.", Arity = ArgumentArity.ZeroOrOne, HelpName = "path" };
        public readonly Option<long?> MaxSteps = new("--max-steps") { Description = "Stop (with a checkpoint) after this many stage-2 steps in all.", HelpName = "n" };
        public readonly Option<string?> ValData = new("--val-data") { Description = "Validation dataset folder; default: data.val_split of --train-data.", HelpName = "dir" };
    }

    public static Command Create(GlobalOptions globals, CliContext context, Func<ParseResult, EffectiveConfiguration> configuration)
    {
        var options = new Options();
        var command = new Command("train-vocoder", "Train or fine-tune the vocoder (stage 2: GAN on the dataset's mels and waveforms), with exact resume.");
        options.Stage2.AddTo(command);
        foreach (var option in new Option[] { options.Resume, options.MaxSteps, options.ValData }) command.Options.Add(option);
        command.SetAction(parse => Run(parse, globals, options, context, configuration(parse)));
        return command;
    }

    private static int Run(ParseResult parse, GlobalOptions globals, Options options, CliContext context, EffectiveConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.Settings.Data.DatasetPath))
            throw new ConfigurationException("No training data: give --train-data DIR (a folder with metadata.csv and wavs/) or set data.dataset_path.");
        var stage2 = options.Stage2.Read(parse) with
        {
            Resume = parse.GetResult(options.Resume) is not null, ResumePath = parse.GetValue(options.Resume),
            MaxSteps = parse.GetValue(options.MaxSteps), ValidationData = parse.GetValue(options.ValData),
        };
        using var session = RunSession.Start(parse, globals, context, "train-vocoder", TrainCommand.DefaultSinks,
            configuration, (_, catalog) => VocoderTraining.Plugins(stage2, catalog));
        try
        {
            using var stop = new StopSignals(session.Log);
            return VocoderTraining.Run(session, stage2, stop.Token) == TrainingOutcome.Interrupted ? 130 : 0;
        }
        catch (Exception e) when (e is CheckpointException or InvalidDataException or InvalidOperationException or DirectoryNotFoundException or FileNotFoundException or ArgumentException or FormatException)
        {
            session.Log.Error("{Error}", e.Message);
            return 2;
        }
    }
}
