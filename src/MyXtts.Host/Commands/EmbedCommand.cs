using System.CommandLine;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Audio;
using MyXtts.Core.IO;
using MyXtts.Core.Speakers;
using MyXtts.Host.Cli;
using MyXtts.Host.Speakers;

namespace MyXtts.Host.Commands;

/// <summary>
/// <c>myxtts embed [--speaker-encoder-type T] --speaker-encoder-path P a.wav [b.wav …] [--npy DIR] [--json] [--verify [--threshold X]]</c>:
/// speaker embeddings of audio files, their cosine similarity matrix, and a same/different decision for two files.
/// </summary>
public static class EmbedCommand
{
    private sealed record Request(IReadOnlyList<string> Files, string? NpyDirectory, bool Json, bool Verify, double? Threshold);

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var files = new Argument<string[]>("FILES") { Arity = ArgumentArity.OneOrMore, Description = "Audio files (WAV, FLAC, … anything the dataset loader reads)." };
        var npy = new Option<string?>("--npy") { Description = "Also write each embedding, as the encoder returns it, to DIR/<name>.npy (float32, shape [dim]).", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (each embedding's vector and norm, the cosine matrix, the verification) instead of tables." };
        var verify = new Option<bool>("--verify") { Description = "Exactly two files: decide same or different speaker from their cosine similarity.", Arity = ArgumentArity.Zero };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "Cosine threshold for --verify; at or above it means the same speaker. Defaults: " +
                          string.Join(", ", VerificationThreshold.Defaults.Select(d => $"{d.Key} {d.Value.Value}")) + ".",
            HelpName = "X",
        };
        var command = new Command("embed", "Speaker embeddings of audio files with the encoder chosen by --speaker-encoder-type (any speaker encoder " +
                                           "plugin) and its weights from --speaker-encoder-path; prints each embedding's size and norm and the cosine similarity matrix.")
            { files, npy, json, verify, threshold };
        command.Validators.Add(result =>
        {
            var given = result.GetValue(files) ?? [];
            if (result.GetValue(verify) && given.Length != 2)
                result.AddError($"--verify compares exactly two files; {given.Length} given. Run: myxtts embed --verify a.wav b.wav");
            if (result.GetValue(threshold) is not null && !result.GetValue(verify))
                result.AddError("--threshold only applies to --verify; add --verify with two files or drop --threshold.");
        });
        command.SetAction(parse => Run(parse, globals, context,
            new Request(parse.GetValue(files)!, parse.GetValue(npy), parse.GetValue(json), parse.GetValue(verify), parse.GetValue(threshold))));
        return command;
    }

    private static int Run(ParseResult parse, GlobalOptions globals, CliContext context, Request request)
    {
        using var session = RunSession.Start(parse, globals, context, "embed", configuredPlugins:
            (configuration, catalog) => SpeakerEncoderChoice.SelectionValues(configuration, catalog, parse.GetValue(globals.Plugin) ?? []));
        try
        {
            var report = Embed(session, request);
            if (request.Json) context.Out.WriteLine(EmbeddingJson.Write(report));
            else EmbeddingTables.Write(Terminal.For(context.Out), report);
            return 0;
        }
        catch (EmbedException e)
        {
            session.Log.Error("{Message}", e.Message);
            return 1;
        }
    }

    private static EmbeddingReport Embed(RunSession session, Request request)
    {
        var name = session.Composition.Selection.Single(PluginKind.SpeakerEncoder)?.Name;
        var encoder = session.Plugins.SpeakerEncoder;
        if (name is null || encoder is null)
            throw new EmbedException($"No speaker encoder is selected; give --speaker-encoder-type (e.g. ecapa_tdnn) instead of '--plugin speaker_encoder=none'.");
        var threshold = request.Verify ? Threshold(name, request.Threshold) : null;
        var decoded = Decode(request.Files);
        var checkpoint = SpeakerEncoderWeights.Load(encoder, name, session.Settings.Model.SpeakerEncoderPath, session.Configuration.Provenance.SourceOf(SpeakerEncoderChoice.PathKey));
        using var loader = new SpeakerClipLoader();
        var clips = loader.ResampleAll(decoded, encoder.SampleRate);   // the rate is known only now (Coqui reads it from the checkpoint)
        var embeddings = EmbedClips(encoder, name, clips, session);
        var names = ClipNames.For(request.Files);
        var npyPaths = request.NpyDirectory is { } dir ? WriteNpy(dir, names, embeddings) : null;
        var embedded = clips.Select((c, i) => new EmbeddedClip(names[i], c, embeddings[i], npyPaths?[i])).ToArray();
        var cosine = Cosine(embeddings);
        var verification = threshold is null ? null : new SpeakerVerification(cosine[0, 1], threshold.Value);
        session.Log.Information("Embedded {Count} clip(s) with {Encoder} ({Dim}-dim)", clips.Count, name, embeddings[0].Length);
        return new EmbeddingReport(name, checkpoint, encoder.SampleRate, embeddings[0].Length, embedded, cosine, verification, threshold);
    }

    private static VerificationThreshold Threshold(string encoder, double? given)
    {
        try { return VerificationThreshold.For(encoder, given); }
        catch (ArgumentException e) { throw new EmbedException(e.Message); }
    }

    private static IReadOnlyList<SpeakerClip> Decode(IReadOnlyList<string> files)
    {
        try { return SpeakerClipLoader.DecodeAll(files); }
        catch (AudioFormatException e) { throw new EmbedException($"Cannot read audio file {e.Message} Give WAV, FLAC or another format libsndfile decodes."); }
    }

    private static float[][] EmbedClips(ISpeakerEncoder encoder, string name, IReadOnlyList<SpeakerClip> clips, RunSession session)
    {
        try { return SpeakerEmbedder.Embed(encoder, clips.Select(c => c.Samples).ToArray(), session.Device.Device); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            var shortest = clips.MinBy(c => c.Seconds)!;
            throw new EmbedException($"Speaker encoder '{name}' could not embed the clips ({e.GetType().Name}: {e.Message}). " +
                                     $"The shortest is {shortest.Path} ({shortest.Seconds:0.000} s); encoders need at least a fraction of a second of speech.");
        }
    }

    private static double[,] Cosine(float[][] embeddings)
    {
        try { return EmbeddingMath.CosineMatrix(embeddings); }
        catch (ArgumentException e) { throw new EmbedException($"Cannot compare the embeddings: {e.Message}"); }
    }

    private static string[] WriteNpy(string directory, IReadOnlyList<string> names, float[][] embeddings)
    {
        Directory.CreateDirectory(directory);
        var paths = names.Select(n => Path.Combine(directory, n + ".npy")).ToArray();
        for (int i = 0; i < paths.Length; i++) NpyFile.Write(paths[i], embeddings[i], embeddings[i].Length);
        return paths;
    }
}
