using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.IO;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Configuration;
using MyXtts.Host.Plugins;

namespace MyXtts.Host.Speakers;

/// <summary>
/// The pretrained speaker encoder a checkpoint was trained with, set up for synthesis: the plugin it records, with the
/// weights from <c>--speaker-encoder-path</c> when given, else the recorded file, else (fine-tuned encoders) the weights
/// stored in the checkpoint. A frozen encoder whose file is gone is an error naming the flag to give.
/// </summary>
public static class CheckpointSpeakerEncoder
{
    /// <summary>The plugin selection value for the encoder <paramref name="record"/> names; none when the model reads no pretrained embedding.</summary>
    public static IEnumerable<string> SelectionValues(SpeakerEncoderRecord? record) =>
        record is { IsActive: true } ? [$"{PluginKinds.Token(PluginKind.SpeakerEncoder)}={record.Type}"] : [];

    /// <summary>The session's encoder with weights for <paramref name="checkpoint"/>, or null when its model needs none. Throws <see cref="CheckpointException"/> or <see cref="EmbedException"/>.</summary>
    public static ISpeakerEncoder? Load(RunSession session, TrainingCheckpoint checkpoint)
    {
        if (checkpoint.Manifest.SpeakerEncoder is not { IsActive: true } record) return null;
        var encoder = session.Plugins.SpeakerEncoder ?? throw new CheckpointException(
            $"Checkpoint '{checkpoint.Manifest.Path}' needs the speaker encoder '{record.Type}', but none is selected; do not pass '--plugin speaker_encoder=none'.");
        var source = session.Configuration.Provenance.SourceOf(SpeakerEncoderChoice.PathKey);
        var path = source.Kind != ConfigSourceKind.Default ? session.Settings.Model.SpeakerEncoderPath : record.Path;
        if (path is not null && File.Exists(path))
        {
            var loaded = SpeakerEncoderWeights.Load(encoder, record.Type, path, source.Kind != ConfigSourceKind.Default ? source : new ConfigSource(ConfigSourceKind.File, checkpoint.Manifest.Path ?? "checkpoint"));
            if (record.Frozen && FileHash.Sha256(loaded) is var hash && hash != record.Sha256)
                session.Log.Warning("Speaker encoder weights {Path} (SHA-256 {Hash}) are not the ones {Checkpoint} was trained with (SHA-256 {Recorded}, {RecordedPath}); voices may come out wrong",
                    loaded, hash[..12], checkpoint.Manifest.Path, record.Sha256?[..12], record.Path);
            return encoder;
        }
        if (checkpoint.HasSpeakerEncoder) return FromCheckpoint(session, checkpoint, encoder, record);
        throw new CheckpointException(
            $"Checkpoint '{checkpoint.Manifest.Path}' was trained with the frozen speaker encoder '{record.Type}' from '{record.Path}' (SHA-256 {record.Sha256}), " +
            $"and {(path == record.Path ? "that file no longer exists" : $"'{path}' does not exist")}. Give its weights with --speaker-encoder-path FILE.");
    }

    /// <summary>
    /// The fine-tuned encoder's weights come from the checkpoint; the plugin reads them from a temporary safetensors copy,
    /// written into the recorded file's folder when it still exists (so sidecar files such as Coqui's config_se.json are
    /// found beside it), else into the temp folder.
    /// </summary>
    private static ISpeakerEncoder FromCheckpoint(RunSession session, TrainingCheckpoint checkpoint, ISpeakerEncoder encoder, SpeakerEncoderRecord record)
    {
        var folder = Path.GetDirectoryName(record.Path ?? "") is { Length: > 0 } f && Directory.Exists(f) ? f : Path.GetTempPath();
        var temporary = Path.Combine(folder, $".myxtts-speaker-encoder-{Guid.NewGuid():N}.safetensors");
        try
        {
            checkpoint.WriteSpeakerEncoderWeights(temporary);
            encoder.LoadWeights(temporary);
            session.Log.Information("Speaker encoder {Type}: the fine-tuned weights stored in {Checkpoint} ({Path} is not there)", record.Type, checkpoint.Manifest.Path, record.Path);
            return encoder;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
