using System.CommandLine;
using System.Globalization;
using MyXtts.Core.Data;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Data.Sample;
using MyXtts.Host.Cli;
using Spectre.Console;

namespace MyXtts.Host.Commands;

/// <summary><c>myxtts dataset check|preprocess|make-sample</c>.</summary>
public static class DatasetCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var dataset = new Command("dataset", "Inspect, preprocess and generate datasets (LJSpeech layout: metadata.csv + wavs/).");
        dataset.Subcommands.Add(Check(globals, context));
        dataset.Subcommands.Add(Preprocess(globals, context));
        dataset.Subcommands.Add(MakeSample(context));
        return dataset;
    }

    private static Argument<string> DirArgument() => new("DIR") { Description = "Dataset folder (metadata.csv + wavs/) or a metadata file." };

    private static Option<string?> ValData() => new("--val-data") { Description = "Validation folder or metadata file (default: split from DIR by data.val_split)." };

    private static Command Check(GlobalOptions globals, CliContext context)
    {
        var dir = DirArgument();
        var val = ValData();
        var command = new Command("check", "Decode every clip and report clips, speakers, durations, sample rates and what was skipped and why. " +
                                           "Exits non-zero only when nothing usable remains.") { dir, val };
        command.SetAction(parse => Run(parse, globals, context, "dataset-check", new DatasetPaths(parse.GetValue(dir)!, parse.GetValue(val))));
        return command;
    }

    private static Command Preprocess(GlobalOptions globals, CliContext context)
    {
        var dir = DirArgument();
        var val = ValData();
        var command = new Command("preprocess", "Fill the feature cache (tokens and mels) on all cores, with progress; training then starts warm.") { dir, val };
        command.SetAction(parse => Run(parse, globals, context, "dataset-preprocess", new DatasetPaths(parse.GetValue(dir)!, parse.GetValue(val))));
        return command;
    }

    private static int Run(ParseResult parse, GlobalOptions globals, CliContext context, string name, DatasetPaths paths)
    {
        using var session = RunSession.Start(parse, globals, context, name);
        var console = Terminal.For(context.Out);
        OpenedDatasets opened;
        try
        {
            opened = WithProgress(console, context.Out, p => DatasetPipeline.Open(session.Settings, paths, session.Plugins.Profiler, session.Log, progress: p));
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            session.Log.Error("{Message}", e.Message);
            return 1;
        }
        using (opened)
        {
            DatasetReport.Render(console, opened, session.Settings.Model.SampleRate);
            session.Plugins.EpochReporter.ReportEpoch(1, final: true, session.RunDirectory);
            return opened.Train.Count > 0 ? 0 : 1;
        }
    }

    private static T WithProgress<T>(IAnsiConsole console, TextWriter output, Func<IProgress<(string Split, int Done, int Total)>, T> work)
    {
        if (!Terminal.IsInteractive(output)) return work(new InlineProgress<(string, int, int)>(_ => { }));
        return console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new InlineProgress<(string Split, int Done, int Total)>(p =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(p.Split, out var task)) tasks[p.Split] = task = ctx.AddTask($"{p.Split} clips", maxValue: Math.Max(1, p.Total));
                        task.Value = p.Done;
                    }
                });
                return work(progress);
            });
    }

    private static Command MakeSample(CliContext context)
    {
        var output = new Argument<string>("OUT") { Description = "Folder to create (metadata.csv, wavs/, voices.tsv; heldout/ with --held-out)." };
        var speakers = new Option<int>("--speakers") { Description = "Voices, 1–24: 1–8 are flite (4 voices × 2 tempos), then espeak-ng.", DefaultValueFactory = _ => 4 };
        var utterances = new Option<int>("--utterances") { Description = "Training clips per voice (Harvard sentences 1–670).", DefaultValueFactory = _ => 40 };
        var heldOut = new Option<int>("--held-out") { Description = "Held-out sentences (671–720) spoken by every voice into OUT/heldout/.", DefaultValueFactory = _ => 0 };
        var rate = new Option<int>("--sample-rate") { Description = "Output sample rate.", DefaultValueFactory = _ => 22050 };
        var command = new Command("make-sample", "Generate the sample corpus: a multi-speaker LJSpeech-layout dataset spoken by flite and espeak-ng voices " +
                                                 "(Debian packages flite and espeak-ng). Deterministic for the same arguments.")
            { output, speakers, utterances, heldOut, rate };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new SampleCorpusOptions(parse.GetValue(speakers), parse.GetValue(utterances), parse.GetValue(heldOut), parse.GetValue(rate));
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            try
            {
                var started = DateTime.UtcNow;
                await SampleCorpusBuilder.BuildAsync(folder, options, null, cancel);
                var clips = options.Speakers * (options.UtterancesPerSpeaker + options.HeldOutSentences);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {clips} clips from {options.Speakers} voices to {folder} in {(DateTime.UtcNow - started).TotalSeconds:0.0} s."));
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
            {
                await context.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }
}
