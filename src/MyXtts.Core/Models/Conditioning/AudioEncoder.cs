using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>What the voice-conditioning encoder makes of a reference mel.</summary>
/// <param name="SpeakerEmbedding">[B, S] pooled voice vector (tanh-bounded).</param>
/// <param name="Latents">[B, N, D] conditioning latents from the perceiver resampler (fixed N, whatever the reference length).</param>
public sealed record VoiceConditioning(Tensor SpeakerEmbedding, Tensor Latents);

/// <summary>
/// The built-in voice encoder over the reference mel of another utterance: <c>input</c> conv (n_mels → D, stride 2: a
/// voice does not need full frame rate, and it halves the Transformer's cost), residual conv
/// blocks with growing dilation, a Transformer <c>encoder</c>, then (a) masked mean + standard-deviation pooling over
/// time and a <c>projection</c> to the speaker embedding (statistics pooling as in x-vectors; the std carries the
/// dynamics a mean loses) and (b) a perceiver <c>resampler</c> to a fixed number of latents for cross-attention.
/// Shapes: mel [B, n_mels, T_ref] (normalised), lengths [B].
/// </summary>
public sealed class AudioEncoder : nn.Module
{
    private readonly Conv1d input;
    private readonly ModuleList<ConvBlock> blocks;
    private readonly TransformerStack encoder;
    private readonly Linear projection;
    private readonly PerceiverResampler resampler;

    public AudioEncoder(string name, long nMels, long dim, int layers, long heads, long speakerDim, int latents, int resamplerLayers, long latentDim, double dropout) : base(name)
    {
        input = nn.Conv1d(nMels, dim, 5, stride: 2, padding: 2);
        blocks = nn.ModuleList(new[] { 1L, 2, 4 }.Select((d, i) => new ConvBlock($"{i}", dim, 5, d, dropout)).ToArray());
        encoder = new TransformerStack("encoder", layers, dim, heads, dropout);
        projection = nn.Linear(2 * dim, speakerDim);
        resampler = new PerceiverResampler("resampler", dim, latentDim, latents, Math.Max(1, resamplerLayers), heads, dropout);
        RegisterComponents();
    }

    public VoiceConditioning forward(Tensor mel, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var (h, mask, padding) = Encode(mel, lengths);
        var embedding = SpeakerEmbedding(h, mask);
        var latents = resampler.forward(h, padding);
        return new VoiceConditioning(embedding.MoveToOuterDisposeScope(), latents.MoveToOuterDisposeScope());
    }

    /// <summary>The speaker embedding [B, S] alone (no resampler): what the voice similarity loss compares.</summary>
    public Tensor Embed(Tensor mel, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var (h, mask, _) = Encode(mel, lengths);
        return SpeakerEmbedding(h, mask).MoveToOuterDisposeScope();
    }

    /// <summary>States [B, T, D] with mask [B, 1, T] → the pooled, projected speaker embedding [B, S].</summary>
    private Tensor SpeakerEmbedding(Tensor h, Tensor mask) => tanh(projection.call(StatisticsPooling(h.transpose(1, 2), mask)));

    /// <summary>Encoder states [B, T/2, D] with their channel mask [B, 1, T/2] and key padding [B, T/2].</summary>
    private (Tensor States, Tensor Mask, Tensor Padding) Encode(Tensor mel, Tensor lengths)
    {
        var x = input.call(mel * SequenceMasks.ChannelMask(lengths, mel.shape[2], mel.dtype));    // [B, D, ceil(T/2)]
        var halved = (lengths + 1).div(2, rounding_mode: RoundingMode.floor);
        var mask = SequenceMasks.ChannelMask(halved, x.shape[2], mel.dtype);                      // [B, 1, T/2]
        var padding = SequenceMasks.KeyPadding(halved, x.shape[2]);                               // [B, T/2]
        x = nn.functional.relu(x) * mask;
        foreach (var block in blocks) x = block.call(x, mask);
        return (encoder.forward(x.transpose(1, 2), padding), mask, padding);                      // [B, T, D]
    }

    /// <summary>[B, C, T] with mask [B, 1, T] → [B, 2C]: mean and standard deviation over valid frames only.</summary>
    public static Tensor StatisticsPooling(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var count = mask.sum(2).clamp_min(1);                                  // [B, 1]
        var mean = (x * mask).sum(2) / count;                                  // [B, C]
        var variance = ((x - mean.unsqueeze(2)).pow(2) * mask).sum(2) / count;
        return cat([mean, (variance + 1e-5).sqrt()], 1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { input.Dispose(); blocks.Dispose(); encoder.Dispose(); projection.Dispose(); resampler.Dispose(); }
        base.Dispose(disposing);
    }
}
