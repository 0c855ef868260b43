using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Layers;

/// <summary>
/// N <see cref="TransformerLayer"/>s (<c>layers.i</c>) and a final <c>norm</c>, like PyTorch's <c>TransformerEncoder</c>
/// with norm_first layers; sinusoidal positions are added on entry. Shapes: x [B, T, E] → [B, T, E].
/// </summary>
public sealed class TransformerStack : nn.Module
{
    private readonly ModuleList<TransformerLayer> layers;
    private readonly LayerNorm norm;

    public TransformerStack(string name, int count, long dim, long heads, double dropout, bool crossAttention = false) : base(name)
    {
        layers = nn.ModuleList(Enumerable.Range(0, count)
            .Select(i => new TransformerLayer($"{i}", dim, heads, 4 * dim, dropout, crossAttention)).ToArray());
        norm = nn.LayerNorm(dim);
        RegisterComponents();
    }

    /// <summary>Runs every layer; <paramref name="key_padding_mask"/> [B, T] is true on padding.</summary>
    public Tensor forward(Tensor x, Tensor? key_padding_mask, Tensor? memory = null, Tensor? memory_key_padding_mask = null, Tensor? attn_mask = null)
    {
        using var scope = NewDisposeScope();
        x = x + SinusoidalPositions.Table(x.shape[1], x.shape[2], x.device).to(x.dtype);
        foreach (var layer in layers) x = layer.forward(x, key_padding_mask, memory, memory_key_padding_mask, attn_mask);
        x = norm.call(x);
        if (key_padding_mask is not null) x = x.masked_fill(key_padding_mask.unsqueeze(2), 0);
        return x.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { layers.Dispose(); norm.Dispose(); }
        base.Dispose(disposing);
    }
}
