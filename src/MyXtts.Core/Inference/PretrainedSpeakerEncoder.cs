using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Speakers;
using MyXtts.Core.Training.Checkpoints;

namespace MyXtts.Core.Inference;

/// <summary>The pretrained speaker encoder side of synthesis: checking the given encoder against the checkpoint, and embedding references.</summary>
internal static class PretrainedSpeakerEncoder
{
    /// <summary>
    /// The encoder synthesis uses: null when the checkpoint was trained without one (or fell back to the built-in encoder);
    /// else <paramref name="given"/>, checked against the record and, for a fine-tuned encoder, given the checkpoint's weights.
    /// </summary>
    public static ISpeakerEncoder? For(TrainingCheckpoint checkpoint, ISpeakerEncoder? given)
    {
        if (checkpoint.Manifest.SpeakerEncoder is not { IsActive: true } record) return null;
        var where = $"Checkpoint '{checkpoint.Manifest.Path}'";
        if (given is null)
            throw new CheckpointException($"{where} was trained with the pretrained speaker encoder '{record.Type}' ({record.Path}); synthesis needs it. " +
                                          "Pass it as SynthesizerOptions.SpeakerEncoder (the CLI loads it from the recorded path, or from --speaker-encoder-path).");
        if (given.EmbeddingDim != record.EmbeddingDim)
            throw new CheckpointException($"{where} was trained with a {record.EmbeddingDim}-dim '{record.Type}' speaker encoder but the one given makes " +
                                          $"{given.EmbeddingDim}-dim embeddings. Give the encoder and weights the checkpoint records ({record.Path}).");
        if (checkpoint.HasSpeakerEncoder)
        {
            if (given is not ITrainableSpeakerEncoder trainable)
                throw new CheckpointException($"{where} holds fine-tuned '{record.Type}' speaker encoder weights but the encoder given cannot take them (it is not an ITrainableSpeakerEncoder).");
            checkpoint.RestoreSpeakerEncoder(trainable.Module);
        }
        return given;
    }

    /// <summary>The embedding of the clip at <paramref name="path"/> (whole clip at the encoder's rate, as training embedded references).</summary>
    public static float[] Embed(ISpeakerEncoder encoder, string path, Lock gate)
    {
        using var loader = new SpeakerClipLoader();
        var clip = loader.Resample(SpeakerClipLoader.Decode(path), encoder.SampleRate);
        lock (gate) return SpeakerEmbedder.Embed(encoder, [clip.Samples])[0];
    }
}
