using MyXtts.Abstractions.SpeakerEncoders;
using static TorchSharp.torch;

namespace MyXtts.Core.Speakers;

/// <summary>Runs a speaker encoder on whole clips: one padded batch, no gradients, embeddings back as arrays.</summary>
public static class SpeakerEmbedder
{
    /// <summary>
    /// The encoder's embedding of each clip, as it returns them (not re-normalised: ECAPA's are raw, Resemblyzer's and
    /// Coqui's already unit-length). The clips must be at the encoder's <see cref="ISpeakerEncoder.SampleRate"/>.
    /// </summary>
    public static float[][] Embed(ISpeakerEncoder encoder, IReadOnlyList<float[]> clips, Device? device = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (waveforms, lengths) = PaddedWaveforms.Build(clips, device);
        var embeddings = encoder.Embed(waveforms, lengths);                                     // [B, D]
        if (embeddings.dim() != 2 || embeddings.shape[0] != clips.Count)
            throw new InvalidOperationException(
                $"The speaker encoder returned an embedding batch of shape [{string.Join(", ", embeddings.shape)}] for {clips.Count} clip(s); " +
                "ISpeakerEncoder.Embed must return [batch, EmbeddingDim].");
        var flat = embeddings.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        int dim = (int)embeddings.shape[1];
        return Enumerable.Range(0, clips.Count).Select(b => flat.AsSpan(b * dim, dim).ToArray()).ToArray();
    }
}
