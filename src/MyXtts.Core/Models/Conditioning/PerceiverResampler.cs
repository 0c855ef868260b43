using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>
/// Perceiver-style resampler (as XTTS's conditioning encoder): N learned <c>latents</c> attend to the encoded reference
/// through cross-attention layers, so any reference length becomes a fixed [B, N, D] set of conditioning vectors.
/// <c>input</c> projects the reference states to the latent width. Shapes: x [B, T, E], key padding [B, T] (true = pad).
/// </summary>
public sealed class PerceiverResampler : nn.Module
{
    private readonly Parameter latents;
    private readonly Linear input;
    private readonly ModuleList<TransformerLayer> layers;
    private readonly LayerNorm norm;

    public PerceiverResampler(string name, long inputDim, long dim, int count, int layerCount, long heads, double dropout) : base(name)
    {
        latents = new Parameter(randn(count, dim) * 0.02);
        input = nn.Linear(inputDim, dim);
        layers = nn.ModuleList(Enumerable.Range(0, layerCount)
            .Select(i => new TransformerLayer($"{i}", dim, heads, 4 * dim, dropout, crossAttention: true)).ToArray());
        norm = nn.LayerNorm(dim);
        RegisterComponents();
    }

    /// <summary>[B, N, D] latents summarising <paramref name="x"/>.</summary>
    public Tensor forward(Tensor x, Tensor keyPadding)
    {
        using var scope = NewDisposeScope();
        var memory = input.call(x);                                                        // [B, T, D]
        var h = latents.to(x.dtype).unsqueeze(0).expand(x.shape[0], -1, -1);                // [B, N, D]
        foreach (var layer in layers) h = layer.forward(h, null, memory, keyPadding);
        return norm.call(h).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { input.Dispose(); layers.Dispose(); norm.Dispose(); }
        base.Dispose(disposing);
    }
}
