using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.IO;
using MyXtts.Core.Speakers;
using MyXtts.Core.Speakers.Conditioning;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Configuration;
using Serilog;
using static TorchSharp.torch;

namespace MyXtts.Host.Speakers;

/// <summary>
/// The pretrained speaker encoder of a training run, as it is actually used: loaded from <c>model.speaker_encoder_path</c>
/// (a missing, unreadable or unfitting file is one warning and a fallback to the built-in audio encoder alone), frozen
/// (embeddings computed once and cached) or fine-tuned (run in the step, weights in the checkpoints), and the record the
/// checkpoints keep of it.
/// </summary>
public sealed class PretrainedSpeakerConditioning
{
    private PretrainedSpeakerConditioning(ISpeakerEncoder? encoder, SpeakerEncoderRecord? record) => (Encoder, Record) = (encoder, record);

    /// <summary>No pretrained speaker conditioning.</summary>
    public static PretrainedSpeakerConditioning None { get; } = new(null, null);

    /// <summary>The encoder the model is conditioned on, with weights; null when off or fallen back.</summary>
    public ISpeakerEncoder? Encoder { get; }

    /// <summary>What checkpoints record (null when off).</summary>
    public SpeakerEncoderRecord? Record { get; }

    /// <summary>The embedding size the model's <c>speaker_projection</c> takes; 0 without an active encoder.</summary>
    public int EmbeddingDim => Encoder is null ? 0 : Record!.EmbeddingDim;

    /// <summary>The encoder the model runs in the step (fine-tuning); null when frozen or off.</summary>
    public ISpeakerEncoder? FineTuned => Record is { IsActive: true, Frozen: false } ? Encoder : null;

    /// <summary>The network the optimizer trains (fine-tuning); null when frozen or off.</summary>
    public nn.Module? TrainableModule => (FineTuned as ITrainableSpeakerEncoder)?.Module;

    /// <summary>
    /// What batches carry for this conditioning: cached embeddings of whole clips (frozen), reference waveforms cropped to
    /// <paramref name="referenceSeconds"/> from <paramref name="seed"/>-determined offsets (fine-tuned), or nothing.
    /// </summary>
    public Func<PreparedDataset, string?, IReferenceConditioning>? Batches(double referenceSeconds, int seed, ILogger log)
    {
        if (Encoder is not { } encoder || Record is not { } record) return null;
        if (!record.Frozen) return (split, _) => new ReferenceWaveforms(split.Items, encoder.SampleRate, referenceSeconds, seed);
        return (split, cacheDirectory) => PrecomputedSpeakerEmbeddings.Compute(split.Items, encoder,
            cacheDirectory is null ? null : new SpeakerEmbeddingCache(cacheDirectory, record.Type, record.Sha256!), log);
    }

    /// <summary>
    /// Sets up what <paramref name="choice"/> asks for with the run's selected speaker encoder. Throws
    /// <see cref="ConfigurationException"/> for a fine-tuning request the encoder cannot serve; weights problems fall back.
    /// </summary>
    public static PretrainedSpeakerConditioning Create(RunSession session, PretrainedConditioningChoice choice)
    {
        var log = session.Log;
        if (choice.Note is { } note) log.Information("{Note:l}", note);
        if (!choice.Enabled) return None;
        var model = session.Settings.Model;
        var type = session.Composition.Selection.Single(PluginKind.SpeakerEncoder)?.Name ?? model.SpeakerEncoderType;
        var encoder = session.Plugins.SpeakerEncoder ?? throw new ConfigurationException(
            $"{PretrainedConditioningChoice.EnableKey} is on but no speaker encoder is selected ('--plugin speaker_encoder=none'?); give --speaker-encoder-type NAME.");
        var frozen = model.FreezeSpeakerEncoder;
        if (!frozen && encoder is not ITrainableSpeakerEncoder)
            throw new ConfigurationException($"model.freeze_speaker_encoder=false, but speaker encoder '{type}' cannot be fine-tuned (it does not implement ITrainableSpeakerEncoder). " +
                                             "Train with --freeze-speaker-encoder, or choose ecapa_tdnn, resemblyzer or coqui.");
        string path;
        try
        {
            path = SpeakerEncoderWeights.Load(encoder, type, model.SpeakerEncoderPath, session.Configuration.Provenance.SourceOf(SpeakerEncoderChoice.PathKey));
            Probe(encoder, type, path);
        }
        catch (EmbedException e)
        {
            log.Warning("Pretrained speaker encoder not used: {Reason} Training goes on with the built-in audio encoder only; the checkpoints record the fallback", e.Message);
            return new(null, new SpeakerEncoderRecord
            {
                Status = SpeakerEncoderRecord.FallbackBuiltIn, Type = type, Path = model.SpeakerEncoderPath, Frozen = frozen, Reason = e.Message,
            });
        }
        var record = new SpeakerEncoderRecord
        {
            Status = SpeakerEncoderRecord.Active, Type = type, Path = path, Sha256 = FileHash.Sha256(path), Frozen = frozen,
            EmbeddingDim = encoder.EmbeddingDim, SampleRate = encoder.SampleRate,
            WeightsMetadata = !frozen && encoder is ITrainableSpeakerEncoder tunable && tunable.CopyMetadata is { Count: > 0 } copyMetadata ? copyMetadata : null,
        };
        log.Information("Pretrained speaker encoder {Type} ({Path}, SHA-256 {Hash}): {Dim}-dim embeddings at {Rate} Hz, {Mode}",
            type, path, record.Sha256![..12], record.EmbeddingDim, record.SampleRate,
            frozen ? "frozen (each clip embedded once, cached)" : $"fine-tuned at training.speaker_encoder_learning_rate={session.Settings.Training.SpeakerEncoderLearningRate}");
        if (encoder is ITrainableSpeakerEncoder trainable && !frozen) trainable.Module.eval();
        return new(encoder, record);
    }

    /// <summary>
    /// Embeds one second of low noise, so weights that load but do not work with the encoder (e.g. a Coqui checkpoint
    /// whose config is missing) fall back here rather than failing mid-run.
    /// </summary>
    private static void Probe(ISpeakerEncoder encoder, string type, string path)
    {
        var random = new Random(1);
        var clip = Enumerable.Range(0, encoder.SampleRate).Select(_ => (float)(0.01 * (random.NextDouble() * 2 - 1))).ToArray();
        try
        {
            SpeakerEmbedder.Embed(encoder, [clip]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new EmbedException($"Speaker encoder '{type}' loaded '{path}' but cannot embed with it ({e.GetType().Name}: {FirstLine(e.Message)}).", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>Warns when a resumed checkpoint was trained with other pretrained encoder weights than this run loads.</summary>
    public void CheckResume(CheckpointManifest resumed, ILogger log)
    {
        if (resumed.SpeakerEncoder is { IsActive: true } before && Record is { IsActive: true } now && before.Sha256 != now.Sha256)
            log.Warning("Resuming {Checkpoint}, trained with speaker encoder weights {Before} (SHA-256 {BeforeHash}), with {Now} (SHA-256 {NowHash}): its speaker_projection was fitted to the other weights",
                resumed.Path, before.Path, before.Sha256?[..12], now.Path, now.Sha256![..12]);
    }
}
