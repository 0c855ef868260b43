using System.CommandLine;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Audio;
using MyXtts.Core.Data;
using MyXtts.Core.Evaluation.Runs;
using MyXtts.Core.Inference;
using MyXtts.Core.Reporting;
using MyXtts.Core.Reporting.Html;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Evaluation;
using MyXtts.Host.Plugins;
using MyXtts.Host.Speakers;
using Spectre.Console;

namespace MyXtts.Host.Commands;

/// <summary>
/// <c>myxtts evaluate --checkpoint C [--vocoder NAME --vocoder-checkpoint P] --data DIR [--max-utterances N] --out REPORT_DIR</c>:
/// synthesizes the held-out lines of DIR (<c>DIR/heldout</c> of a sample corpus, else DIR) in the voice of another clip
/// of each speaker (<see cref="ReferenceRule"/>), measures them (<see cref="EvaluationRunner"/>) and writes
/// <c>metrics.json</c>, <c>metrics.csv</c>, <c>report.html</c>, <c>wavs/</c> and <c>figures/</c> into REPORT_DIR.
/// </summary>
public static class EvaluateCommand
{
    private sealed class Options
    {
        public readonly Option<FileInfo> Checkpoint = new("--checkpoint") { Description = "Acoustic-model checkpoint (.ckpt from a training run's checkpoints/ folder).", Required = true, HelpName = "file" };
        public readonly Option<string> Data = new("--data") { Description = "Dataset folder (metadata.csv + wavs/). A sample corpus is evaluated on its heldout/ split with prompts from its training clips; a heldout/ folder may be given directly.", Required = true, HelpName = "dir" };
        public readonly Option<string?> ReferenceData = new("--reference-data") { Description = "Dataset the voice prompts come from (default: the corpus holding the held-out split, else --data itself).", HelpName = "dir" };
        public readonly Option<int?> MaxUtterances = new("--max-utterances") { Description = "Evaluate only the first N lines (file order; a sample corpus's held-out split lists every voice for each sentence).", HelpName = "n" };
        public readonly Option<string> Out = new("--out") { Description = "Folder for metrics.json, metrics.csv, report.html, wavs/ and figures/.", Required = true, HelpName = "dir" };
        public readonly Option<string> Vocoder = new("--vocoder") { Description = $"Vocoder plugin: {SynthesizeCommand.DefaultVocoder} (built in) or e.g. hifigan (also run on the ground-truth mels as its ceiling).", DefaultValueFactory = _ => SynthesizeCommand.DefaultVocoder, HelpName = "name" };
        public readonly Option<FileInfo?> VocoderCheckpoint = new("--vocoder-checkpoint") { Description = "Weights for the vocoder plugin.", HelpName = "file" };
        public readonly Option<string> LanguageModel = new("--lm") { Description = "PocketSphinx language model: in-domain (a bigram of the dataset's sentences: sensitive, optimistic) or generic (its US English model).", DefaultValueFactory = _ => "in-domain", HelpName = "in-domain|generic" };
        public readonly Option<bool> IgnoreReferenceTranscripts = new("--ignore-reference-transcripts") { Description = "Do not give the prompts' transcripts to the synthesizer: outputs then keep the model's own pace for each voice instead of each prompt's speaking rate." };
        public readonly Option<int> RatePrompts = new("--rate-prompts") { Description = "Clips of each speaker whose transcripts measure the speaking rate: the prompt and the next ones by the reference rule (1 = the prompt alone; one sentence's rate strays by about 5 %).", DefaultValueFactory = _ => EvaluationSet.DefaultRatePrompts, HelpName = "n" };
        public readonly Option<int> Showcase = new("--showcase") { Description = "Lines whose audio, mel and alignment images the report shows.", DefaultValueFactory = _ => 4, HelpName = "n" };

        public IEnumerable<Option> All => [Checkpoint, Data, ReferenceData, MaxUtterances, Out, Vocoder, VocoderCheckpoint, LanguageModel, IgnoreReferenceTranscripts, RatePrompts, Showcase];
    }

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var options = new Options();
        var command = new Command("evaluate", "Synthesize held-out lines with a checkpoint and measure them: WER/CER with ceilings, MCD, F0, speaker similarity, prosody; writes metrics and report.html.");
        foreach (var option in options.All) command.Options.Add(option);
        options.LanguageModel.AcceptOnlyFromAmong("in-domain", "generic");
        command.Validators.Add(result =>
        {
            if (result.GetValue(options.MaxUtterances) is < 1) result.AddError("--max-utterances must be at least 1.");
            if (result.GetValue(options.Showcase) < 0) result.AddError("--showcase must be 0 or more.");
            // Only a --rate-prompts that was given is checked here: validators do not see default values.
            if (result.GetResult(options.RatePrompts) is { Implicit: false })
            {
                if (result.GetValue(options.RatePrompts) < 1) result.AddError("--rate-prompts must be at least 1.");
                if (result.GetValue(options.IgnoreReferenceTranscripts))
                    result.AddError("--rate-prompts measures the speaking rate from transcripts, which --ignore-reference-transcripts turns off; give one or the other.");
            }
        });
        command.SetAction(parse => Run(parse, globals, options, context));
        return command;
    }

    private static int Run(ParseResult parse, GlobalOptions globals, Options options, CliContext context)
    {
        var vocoderName = parse.GetValue(options.Vocoder)!;
        var checkpoint = CheckpointPeek.ReadOrNull(parse.GetValue(options.Checkpoint)!.FullName);
        var recorded = checkpoint?.Manifest.SpeakerEncoder is { IsActive: true } record ? record : null;
        // A model conditioned on a pretrained encoder gets the encoder it was trained with (as synthesize does); the
        // speaker-similarity measurement then uses that same plugin instance, so it may only be given that type's weights.
        using var session = RunSession.Start(parse, globals, context, "evaluate", [$"{PluginKinds.Token(PluginKind.Vocoder)}={vocoderName}"],
            configuredPlugins: (configuration, catalog) => recorded is not null ? CheckpointSpeakerEncoder.SelectionValues(recorded)
                : string.IsNullOrWhiteSpace(configuration.Settings.Model.SpeakerEncoderPath) ? []
                : SpeakerEncoderChoice.SelectionValues(configuration, catalog, parse.GetValue(globals.Plugin) ?? []));
        try
        {
            var speakerEncoder = checkpoint is null ? null : ConditioningEncoder(session, checkpoint);
            return Evaluate(parse, options, context, session, vocoderName, speakerEncoder);
        }
        catch (Exception e) when (e is CheckpointException or AudioFormatException or ArgumentException or InvalidOperationException
                                       or IOException or NotSupportedException or EmbedException or InvalidDataException)
        {
            session.Log.Error("{Error}", e.Message);
            return 2;
        }
    }

    /// <summary>
    /// The pretrained encoder the checkpoint's model reads, loaded as synthesize loads it; null when it reads none. A
    /// measurement encoder of another type (<c>--speaker-encoder-type</c> with <c>--speaker-encoder-path</c>) is refused:
    /// one plugin instance serves both.
    /// </summary>
    private static MyXtts.Abstractions.SpeakerEncoders.ISpeakerEncoder? ConditioningEncoder(RunSession session, TrainingCheckpoint checkpoint)
    {
        if (checkpoint.Manifest.SpeakerEncoder is not { IsActive: true } record) return null;
        var model = session.Settings.Model;
        if (!string.IsNullOrWhiteSpace(model.SpeakerEncoderPath) && session.Configuration.Provenance.SourceOf(SpeakerEncoderChoice.TypeKey).Kind != MyXtts.Host.Configuration.ConfigSourceKind.Default
            && !string.Equals(model.SpeakerEncoderType, record.Type, StringComparison.Ordinal))
            throw new ArgumentException($"Checkpoint '{checkpoint.Manifest.Path}' is conditioned on the speaker encoder '{record.Type}', which also measures speaker similarity here; " +
                                        $"--speaker-encoder-type {model.SpeakerEncoderType} cannot be used beside it. Leave out --speaker-encoder-type (and give '{record.Type}' weights with --speaker-encoder-path, or none).");
        return CheckpointSpeakerEncoder.Load(session, checkpoint);
    }

    private static int Evaluate(ParseResult parse, Options options, CliContext context, RunSession session, string vocoderName,
        MyXtts.Abstractions.SpeakerEncoders.ISpeakerEncoder? speakerEncoder)
    {
        var log = session.Log;
        var given = VocoderUnderTest(parse, options, session, vocoderName);
        var checkpoint = parse.GetValue(options.Checkpoint)!.FullName;
        using var tts = SpeechSynthesizer.Load(checkpoint, new SynthesizerOptions { Device = session.Device.Device, Vocoder = given, SpeakerEncoder = speakerEncoder });
        var data = tts.Settings.Data;
        var skips = new SkipLog();
        var set = EvaluationSet.Open(parse.GetValue(options.Data)!, parse.GetValue(options.ReferenceData), parse.GetValue(options.MaxUtterances),
            new SpeakerResolver(data.EnableMultispeaker ? data.SpeakerIdPattern : ""), skips, parse.GetValue(options.RatePrompts));
        if (skips.Total > 0) log.Warning("Skipped {Count} dataset lines ({Reasons}); 'myxtts dataset check' lists them", skips.Total, string.Join(", ", skips.Counts.Select(kv => $"{kv.Key} {kv.Value}")));
        using var engines = EvaluationEngineSet.Create(session, set.Sentences, parse.GetValue(options.LanguageModel) == "in-domain", vocoderName, given);
        var runOptions = new EvaluationRunOptions
        {
            ShowcaseLines = parse.GetValue(options.Showcase), Seed = session.Settings.Training.Seed,
            ReferenceTranscripts = !parse.GetValue(options.IgnoreReferenceTranscripts),
        };
        var folder = Path.GetFullPath(parse.GetValue(options.Out)!);
        var results = new EvaluationRunner(engines.Engines, runOptions, log).Run(tts, set, folder, TrainingRunFolder.OfCheckpoint(checkpoint));
        var report = RunReport.Write(folder);
        log.Information("Evaluation: {Summary:l}", EvaluationSummary.Line(results));
        log.Information("Wrote {Metrics}, {Csv} and {Report}", Path.Combine(folder, EvaluationFiles.JsonFile), Path.Combine(folder, EvaluationFiles.CsvFile), report);
        Terminal.For(context.Out).Write(Table(results));
        return 0;
    }

    /// <summary>The selected vocoder with its weights when it is not Griffin-Lim (the synthesizer builds Griffin-Lim for the checkpoint's own mel).</summary>
    private static MyXtts.Abstractions.Vocoders.IVocoder? VocoderUnderTest(ParseResult parse, Options options, RunSession session, string vocoderName)
    {
        var vocoder = session.Plugins.Vocoder ?? throw new InvalidOperationException($"No vocoder is selected; give --vocoder {SynthesizeCommand.DefaultVocoder} or a vocoder plugin name.");
        if (parse.GetValue(options.VocoderCheckpoint) is { } weights)
        {
            if (!weights.Exists) throw new IOException($"Vocoder weights '{weights.FullName}' do not exist (--vocoder-checkpoint).");
            vocoder.LoadWeights(weights.FullName);
        }
        return vocoderName == SynthesizeCommand.DefaultVocoder ? null : vocoder;
    }

    private static Table Table(EvaluationResults results)
    {
        var scalars = results.Scalars();
        var table = new Table().AddColumns("metric", "output", "ceilings");
        foreach (var h in EvaluationSummary.Headlines)
            table.AddRow(Markup.Escape(h.Label), Markup.Escape(EvaluationSummary.Value(h, scalars)), Markup.Escape(string.Join("; ", EvaluationSummary.Ceilings(h, scalars))));
        return table;
    }
}
