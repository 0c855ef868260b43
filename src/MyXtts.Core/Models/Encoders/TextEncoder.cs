using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Encoders;

/// <summary>
/// Tokens → hidden text states: <c>embedding</c> (pad id 0 embeds to zero), a convolutional <c>prenet</c> (three
/// residual conv blocks, kernel 5, for local context cheaply) and a Transformer <c>encoder</c> for long-range context.
/// Shapes: tokens [B, L] int64, lengths [B] → [B, C, L] (zero on padding).
/// </summary>
public sealed class TextEncoder : nn.Module
{
    private readonly Embedding embedding;
    private readonly ModuleList<ConvBlock> prenet;
    private readonly TransformerStack encoder;
    private readonly long _dim;

    public TextEncoder(string name, long vocabSize, long dim, int layers, long heads, double dropout) : base(name)
    {
        _dim = dim;
        embedding = nn.Embedding(vocabSize, dim, padding_idx: 0);
        using (no_grad()) embedding.weight!.normal_(0, Math.Pow(dim, -0.5));
        using (no_grad()) embedding.weight![0].zero_();
        prenet = nn.ModuleList(Enumerable.Range(0, 3).Select(i => new ConvBlock($"{i}", dim, 5, 1, dropout)).ToArray());
        encoder = new TransformerStack("encoder", layers, dim, heads, dropout);
        RegisterComponents();
    }

    /// <summary>Encoded tokens [B, C, L]; <paramref name="mask"/> is the [B, 1, L] valid mask, <paramref name="keyPadding"/> the [B, L] padding mask.</summary>
    public Tensor forward(Tensor tokens, Tensor mask, Tensor keyPadding)
    {
        using var scope = NewDisposeScope();
        var x = embedding.call(tokens).to(mask.dtype).transpose(1, 2) * Math.Sqrt(_dim) * mask;   // [B, C, L]
        foreach (var block in prenet) x = block.call(x, mask);
        var h = encoder.forward(x.transpose(1, 2), keyPadding);                                   // [B, L, C]
        return (h.transpose(1, 2) * mask).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { embedding.Dispose(); prenet.Dispose(); encoder.Dispose(); }
        base.Dispose(disposing);
    }
}
