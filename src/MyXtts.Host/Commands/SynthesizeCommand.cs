using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Inference;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Plugins;
using MyXtts.Host.Speakers;
using Spectre.Console;

namespace MyXtts.Host.Commands;

/// <summary>
/// <c>myxtts synthesize --checkpoint C (--text "…" | --text-file F) --reference ref.wav --out out.wav|DIR</c>: speech in
/// the reference's voice from a training checkpoint, through <see cref="SpeechSynthesizer"/> and the vocoder chosen with
/// <c>--vocoder</c> (built-in <c>griffin_lim</c> by default, or a plugin such as <c>hifigan</c> with its weights).
/// </summary>
public static class SynthesizeCommand
{
    /// <summary>The vocoder used when <c>--vocoder</c> is not given.</summary>
    public const string DefaultVocoder = "griffin_lim";

    private sealed class Options
    {
        public readonly Option<FileInfo> Checkpoint = new("--checkpoint") { Description = "Acoustic-model checkpoint (.ckpt from a training run's checkpoints/ folder).", Required = true, HelpName = "file" };
        public readonly Option<string?> Text = new("--text") { Description = "The sentence to speak.", HelpName = "text" };
        public readonly Option<FileInfo?> TextFile = new("--text-file") { Description = "Speak every non-empty line of this UTF-8 file; --out is then a folder (one WAV per line plus index.tsv).", HelpName = "file" };
        public readonly Option<FileInfo> Reference = new("--reference") { Description = "A clip of the voice to clone (a few seconds of clean speech; WAV, FLAC, …).", Required = true, HelpName = "file" };
        public readonly Option<string?> ReferenceText = new("--reference-text") { Description = "What the reference clip says: the output then also takes the clip's speaking rate (without it, the pace the model learned for such a voice).", HelpName = "text" };
        public readonly Option<FileInfo?> RateClips = new("--rate-clips") { Description = "More clips of the same speaker for the speaking rate: a file with one 'audio path|transcript' per line (paths relative to the file). The rate is the geometric mean over these and the reference (with --reference-text); a few clips measure it better than one sentence.", HelpName = "file" };
        public readonly Option<string> Out = new("--out") { Description = "Output WAV (with --text) or folder (with --text-file).", Required = true, HelpName = "path" };
        public readonly Option<string> Vocoder = new("--vocoder") { Description = $"Vocoder plugin that turns mels into audio: {DefaultVocoder} (built in, no weights) or e.g. hifigan.", DefaultValueFactory = _ => DefaultVocoder, HelpName = "name" };
        public readonly Option<FileInfo?> VocoderCheckpoint = new("--vocoder-checkpoint") { Description = "Weights for the vocoder plugin (e.g. a HiFi-GAN g_XXXXXXXX or a stage-2 checkpoint).", HelpName = "file" };
        public readonly Option<double> Speed = new("--speed") { Description = "Speaking rate: 1 as the reference voice speaks, 1.25 = 25 % faster, 0.8 = slower.", DefaultValueFactory = _ => 1.0, HelpName = "x" };
        public readonly Option<string?> StyleWeights = new("--style-weights") { Description = "Global Style Token weights, comma-separated, one per token, instead of the reference's style (models trained with GST).", HelpName = "w1,w2,..." };

        public IEnumerable<Option> All => [Checkpoint, Text, TextFile, Reference, ReferenceText, RateClips, Out, Vocoder, VocoderCheckpoint, Speed, StyleWeights];
    }

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var options = new Options();
        var command = new Command("synthesize", "Speak text in the voice of a reference clip with a trained acoustic model and a vocoder.");
        foreach (var option in options.All) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            var hasText = result.GetValue(options.Text) is not null;
            var hasFile = result.GetValue(options.TextFile) is not null;
            if (hasText == hasFile) result.AddError("Give exactly one of --text \"…\" or --text-file FILE.");
            if (result.GetValue(options.ReferenceText) is { } said && string.IsNullOrWhiteSpace(said))
                result.AddError("--reference-text is empty; give what the reference clip says, or leave the option out.");
            // Only a --speed that was given is checked here: validators do not see default values.
            if (result.GetResult(options.Speed) is { Implicit: false } && result.GetValue(options.Speed) is var speed && !(speed > 0 && speed <= 4))
                result.AddError($"--speed {speed.ToString(CultureInfo.InvariantCulture)} is out of range; give a rate in (0, 4] (1 = as the reference speaks).");
        });
        command.SetAction(parse => Run(parse, globals, options, context));
        return command;
    }

    private static int Run(ParseResult parse, GlobalOptions globals, Options options, CliContext context)
    {
        var vocoderName = parse.GetValue(options.Vocoder)!;
        var checkpointPath = parse.GetValue(options.Checkpoint)!.FullName;
        var checkpoint = CheckpointPeek.ReadOrNull(checkpointPath);
        using var session = RunSession.Start(parse, globals, context, "synthesize", [$"{PluginKinds.Token(PluginKind.Vocoder)}={vocoderName}"],
            configuredPlugins: (_, _) => CheckpointSpeakerEncoder.SelectionValues(checkpoint?.Manifest.SpeakerEncoder));
        try
        {
            var speakerEncoder = checkpoint is null ? null : CheckpointSpeakerEncoder.Load(session, checkpoint);
            return Synthesize(parse, options, context, session, vocoderName, speakerEncoder);
        }
        catch (Exception e) when (e is CheckpointException or AudioFormatException or ArgumentException or InvalidOperationException or IOException or NotSupportedException or EmbedException or InvalidDataException or System.Runtime.InteropServices.ExternalException)
        {
            session.Log.Error("{Error}", e.Message);
            return 2;
        }
    }

    private static int Synthesize(ParseResult parse, Options options, CliContext context, RunSession session, string vocoderName,
        MyXtts.Abstractions.SpeakerEncoders.ISpeakerEncoder? speakerEncoder)
    {
        var log = session.Log;
        var lines = Lines(parse, options);
        var vocoder = session.Plugins.Vocoder ?? throw new InvalidOperationException($"No vocoder is selected; give --vocoder {DefaultVocoder} or a vocoder plugin name.");
        if (parse.GetValue(options.VocoderCheckpoint) is { } weights)
        {
            if (!weights.Exists) throw new IOException($"Vocoder weights '{weights.FullName}' do not exist (--vocoder-checkpoint).");
            vocoder.LoadWeights(weights.FullName);
        }
        // griffin_lim has no weights: let the synthesizer build it for the checkpoint's own mel, whatever the run's settings say.
        var given = vocoderName == DefaultVocoder ? null : vocoder;
        using var tts = SpeechSynthesizer.Load(parse.GetValue(options.Checkpoint)!.FullName, new SynthesizerOptions { Device = session.Device.Device, Vocoder = given, SpeakerEncoder = speakerEncoder });
        log.Information("Loaded {Checkpoint} (step {Step}): {Model}", tts.Checkpoint, tts.Step, tts.ModelDescription);
        var rateClips = parse.GetValue(options.RateClips) is { } list ? RateClipFile.Read(list) : [];
        var reference = tts.LoadReference(parse.GetValue(options.Reference)!.FullName, parse.GetValue(options.ReferenceText), rateClips);
        log.Information("Reference {Reference}: {Seconds:0.00} s of voice", reference.Source, reference.Seconds(tts.Mel.HopLength, tts.Mel.SampleRate));
        if (reference.SpeakingRateClips > 0)
            log.Information("Reference speaking rate from {Clips} transcribed clip(s): {Rate:0.00} × the model's pace for this voice (limits {Min}–{Max})",
                reference.SpeakingRateClips, reference.SpeakingRate, SpeechSynthesizer.MinSpeakingRate, SpeechSynthesizer.MaxSpeakingRate);
        var synthesis = new SynthesisOptions { Speed = parse.GetValue(options.Speed), StyleWeights = ParseWeights(parse.GetValue(options.StyleWeights)), Seed = session.Settings.Training.Seed };

        var outPath = parse.GetValue(options.Out)!;
        var single = parse.GetValue(options.Text) is not null;
        if (!single) Directory.CreateDirectory(outPath);
        var table = new Table().AddColumns("file", "seconds", "RTF", "text");
        var index = new List<string> { "file\ttext\tsymbols\tseconds" };
        for (var i = 0; i < lines.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = tts.Synthesize(lines[i], reference, synthesis);
            var rtf = clock.Elapsed.TotalSeconds / Math.Max(result.Seconds, 1e-9);
            var path = single ? outPath : Path.Combine(outPath, $"{i + 1:0000}.wav");
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent) Directory.CreateDirectory(parent);
            WavWriter.Write(path, result.Samples, result.SampleRate);
            log.Information("Wrote {Path}: {Seconds:0.00} s, RTF {Rtf:0.00}", path, result.Seconds, rtf);
            table.AddRow(Markup.Escape(path), result.Seconds.ToString("0.00", CultureInfo.InvariantCulture), rtf.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(Shorten(lines[i])));
            index.Add(string.Join('\t', Path.GetFileName(path), lines[i], result.Symbols, result.Seconds.ToString("0.000", CultureInfo.InvariantCulture)));
        }
        if (!single) File.WriteAllLines(Path.Combine(outPath, "index.tsv"), index);
        Terminal.For(context.Out).Write(table);
        return 0;
    }

    /// <summary>The checkpoint, read before the run starts for the speaker encoder it records; null when missing or damaged (the synthesizer reports why, inside the run).</summary>
    private static IReadOnlyList<string> Lines(ParseResult parse, Options options)
    {
        if (parse.GetValue(options.Text) is { } text) return [text];
        var file = parse.GetValue(options.TextFile)!;
        if (!file.Exists) throw new IOException($"Text file '{file.FullName}' does not exist (--text-file).");
        var lines = File.ReadAllLines(file.FullName).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new ArgumentException($"Text file '{file.FullName}' has no non-empty lines to speak.");
        return lines;
    }

    private static IReadOnlyList<float>? ParseWeights(string? value)
    {
        if (value is null) return null;
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var weights = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]))
                throw new ArgumentException($"--style-weights: '{parts[i]}' (item {i + 1}) is not a number; give comma-separated numbers such as 0,1,0,0.");
        return weights;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
