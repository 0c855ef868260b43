using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.NonAutoregressive;

/// <summary>
/// The non-autoregressive mel decoder: all frames at once from the length-regulated text states. <c>input</c> (1×1)
/// and <c>position</c> (the in-token position features) and the voice vector through <c>condition</c> are summed; then
/// N layers of a residual conv block (dilation 1, 2, 4, …: local spectral continuity) followed by a Transformer
/// layer (self-attention over frames, cross-attention to the voice's conditioning latents when there are any); the
/// voice vector is injected again half-way through <c>condition_mid</c>; <c>output</c> projects to the stacked mel.
/// Shapes: h [B, C, T'], positions [B, 2, T'], voice [B, S], latents [B, N, D] → [B, rC_mel, T'].
/// </summary>
public sealed class ParallelDecoder : nn.Module
{
    private readonly Conv1d input;
    private readonly Conv1d position;
    private readonly Linear condition;
    private readonly Linear? condition_mid;
    private readonly ModuleList<ConvBlock> convolutions;
    private readonly ModuleList<TransformerLayer> layers;
    private readonly Conv1d output;

    public ParallelDecoder(string name, long textDim, long dim, int layerCount, long heads, long speakerDim, long outputChannels, bool crossAttention, double dropout) : base(name)
    {
        input = nn.Conv1d(textDim, dim, 1);
        position = nn.Conv1d(2, dim, 1);
        condition = nn.Linear(speakerDim, dim);
        if (layerCount >= 2) condition_mid = nn.Linear(speakerDim, dim);
        convolutions = nn.ModuleList(Enumerable.Range(0, layerCount).Select(i => new ConvBlock($"{i}", dim, 5, 1L << (i % 3), dropout)).ToArray());
        layers = nn.ModuleList(Enumerable.Range(0, layerCount).Select(i => new TransformerLayer($"{i}", dim, heads, 4 * dim, dropout, crossAttention)).ToArray());
        output = nn.Conv1d(dim, outputChannels, 1);
        RegisterComponents();
    }

    /// <param name="mask">[B, 1, T'] valid frames (1) in the compute dtype.</param>
    /// <param name="padding">[B, T'] true on padded frames.</param>
    public Tensor forward(Tensor h, Tensor positions, Tensor voice, Tensor? latents, Tensor mask, Tensor padding)
    {
        using var scope = NewDisposeScope();
        var x = (input.call(h) + position.call(positions) + condition.call(voice).unsqueeze(2)) * mask;   // [B, D, T']
        for (var i = 0; i < convolutions.Count; i++)
        {
            if (i == convolutions.Count / 2 && condition_mid is not null) x = x + condition_mid.call(voice).unsqueeze(2) * mask;
            x = convolutions[i].call(x, mask);
            x = layers[i].forward(x.transpose(1, 2), padding, latents).transpose(1, 2);                 // [B, T', D] inside
        }
        return (output.call(x) * mask).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose(); position.Dispose(); condition.Dispose(); condition_mid?.Dispose();
            convolutions.Dispose(); layers.Dispose(); output.Dispose();
        }
        base.Dispose(disposing);
    }
}
