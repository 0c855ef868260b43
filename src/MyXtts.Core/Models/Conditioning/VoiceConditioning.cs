using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Models.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>The pretrained-speaker part of a model's voice: its <c>speaker_projection</c> and where the embedding comes from.</summary>
/// <param name="Projection">Linear E → S from the pretrained embedding into the voice vector.</param>
/// <param name="Conditioning">The batch's conditioning inputs (<see cref="ConditioningKeys"/>).</param>
/// <param name="Encoder">The fine-tuned encoder that embeds <see cref="ConditioningKeys.ReferenceWaveform"/>, when attached.</param>
internal sealed record PretrainedSpeaker(Linear Projection, IReadOnlyDictionary<string, Tensor>? Conditioning, ISpeakerEncoder? Encoder)
{
    /// <summary>The projection's input size E (the encoder's embedding size).</summary>
    public long EmbeddingDim => Projection.weight!.shape[1];

    /// <summary>[B, S]: the projected embedding of each row's reference.</summary>
    public Tensor Vector(long batch, ScalarType dtype) =>
        Projection.call(PretrainedSpeakerInput.Embedding(Conditioning, Encoder, EmbeddingDim, batch, dtype));
}

/// <summary>The voice of a reference mel: the vector [B, S] that conditions the model, and its parts.</summary>
/// <param name="Vector">Speaker embedding plus style plus the projected pretrained embedding (zeros without any conditioning).</param>
/// <param name="SpeakerEmbedding">The audio encoder's pooled embedding, for the contrastive loss; null without voice conditioning.</param>
/// <param name="Latents">The perceiver's conditioning latents; null without voice conditioning.</param>
internal sealed record VoiceVectors(Tensor Vector, Tensor? SpeakerEmbedding, Tensor? Latents)
{
    /// <summary>
    /// The voice both decoder strategies read: the reference mel standardised by <paramref name="normalizer"/>, through
    /// <paramref name="audioEncoder"/> (speaker embedding + latents) and <paramref name="gst"/> (style, or the explicit
    /// <paramref name="styleWeights"/> [B, K]), plus, with <paramref name="pretrained"/>, the pretrained encoder's
    /// embedding projected to the speaker size and added (docs/model.md says why added rather than replacing). The
    /// modules stay fields of each model, so state-dict keys do not change.
    /// </summary>
    public static VoiceVectors Of(MelNormalizer normalizer, AudioEncoder? audioEncoder, GlobalStyleTokens? gst, long speakerDim,
        Tensor referenceMel, Tensor referenceLengths, Tensor? styleWeights, long batch, ScalarType dtype, PretrainedSpeaker? pretrained = null)
    {
        var voice = BuiltIn(normalizer, audioEncoder, gst, speakerDim, referenceMel, referenceLengths, styleWeights, batch, dtype);
        return pretrained is null ? voice : voice with { Vector = voice.Vector + pretrained.Vector(batch, dtype) };
    }

    private static VoiceVectors BuiltIn(MelNormalizer normalizer, AudioEncoder? audioEncoder, GlobalStyleTokens? gst, long speakerDim,
        Tensor referenceMel, Tensor referenceLengths, Tensor? styleWeights, long batch, ScalarType dtype)
    {
        if (audioEncoder is null)
        {
            if (styleWeights is not null) throw new InvalidOperationException("Style token weights were given but this model has no style tokens (model.use_voice_conditioning=false).");
            return new VoiceVectors(zeros(batch, speakerDim, dtype: dtype, device: referenceMel.device), null, null);
        }
        var reference = normalizer.Normalize(referenceMel);
        var conditioning = audioEncoder.forward(reference, referenceLengths);
        var vector = conditioning.SpeakerEmbedding;
        if (gst is not null) vector = vector + (styleWeights is null ? gst.forward(reference, referenceLengths) : gst.FromWeights(styleWeights.to(dtype)));
        else if (styleWeights is not null) throw new InvalidOperationException("Style token weights were given but this model has no style tokens (model.use_gst=false).");
        return new VoiceVectors(vector, conditioning.SpeakerEmbedding, conditioning.Latents);
    }
}
