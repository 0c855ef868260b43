using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>The voice of a reference mel: the vector [B, S] that conditions the model, and its parts.</summary>
/// <param name="Vector">Speaker embedding plus style (zeros without voice conditioning).</param>
/// <param name="SpeakerEmbedding">The audio encoder's pooled embedding, for the contrastive loss; null without voice conditioning.</param>
/// <param name="Latents">The perceiver's conditioning latents; null without voice conditioning.</param>
internal sealed record VoiceVectors(Tensor Vector, Tensor? SpeakerEmbedding, Tensor? Latents)
{
    /// <summary>
    /// The voice both decoder strategies read: the reference mel standardised by <paramref name="normalizer"/>, through
    /// <paramref name="audioEncoder"/> (speaker embedding + latents) and <paramref name="gst"/> (style, or the explicit
    /// <paramref name="styleWeights"/> [B, K]). The modules stay fields of each model, so state-dict keys do not change.
    /// </summary>
    public static VoiceVectors Of(MelNormalizer normalizer, AudioEncoder? audioEncoder, GlobalStyleTokens? gst, long speakerDim,
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
