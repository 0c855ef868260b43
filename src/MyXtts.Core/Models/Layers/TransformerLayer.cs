using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MultiheadAttention = MyXtts.Core.Models.Layers.MultiheadAttention;

namespace MyXtts.Core.Models.Layers;

/// <summary>
/// A pre-norm Transformer layer with PyTorch's <c>TransformerEncoderLayer</c>/<c>TransformerDecoderLayer</c> field names
/// (<c>self_attn</c>, <c>multihead_attn</c>, <c>linear1</c>, <c>linear2</c>, <c>norm1..3</c>): self-attention, then
/// (when built with <c>crossAttention</c>) attention to a memory, then a GELU feed-forward. Pre-norm (norm_first=True)
/// because it trains without a long warm-up, which matters on a CPU budget. Padded query rows are zeroed on output so
/// that they never leak into a later convolution. Shapes: x [B, T, E], memory [B, S, E].
/// </summary>
public sealed class TransformerLayer : nn.Module
{
    private readonly MultiheadAttention self_attn;
    private readonly MultiheadAttention? multihead_attn;
    private readonly Linear linear1;
    private readonly Linear linear2;
    private readonly LayerNorm norm1;
    private readonly LayerNorm? norm2;
    private readonly LayerNorm norm3;
    private readonly double _dropout;

    public TransformerLayer(string name, long dim, long heads, long feedForward, double dropout, bool crossAttention = false) : base(name)
    {
        _dropout = dropout;
        self_attn = new MultiheadAttention("self_attn", dim, heads, dropout);
        if (crossAttention)
        {
            multihead_attn = new MultiheadAttention("multihead_attn", dim, heads, dropout);
            norm2 = nn.LayerNorm(dim);
        }
        linear1 = nn.Linear(dim, feedForward);
        linear2 = nn.Linear(feedForward, dim);
        norm1 = nn.LayerNorm(dim);
        norm3 = nn.LayerNorm(dim);
        RegisterComponents();
    }

    /// <param name="x">[B, T, E]</param>
    /// <param name="key_padding_mask">[B, T], true on padding of <paramref name="x"/>.</param>
    /// <param name="memory">[B, S, E] attended to by the cross-attention (required when the layer has one).</param>
    /// <param name="memory_key_padding_mask">[B, S], true on padding of <paramref name="memory"/>; null = none.</param>
    /// <param name="attn_mask">[T, T], true where self-attention is forbidden (causal decoding).</param>
    public Tensor forward(Tensor x, Tensor? key_padding_mask, Tensor? memory = null, Tensor? memory_key_padding_mask = null, Tensor? attn_mask = null)
    {
        using var scope = NewDisposeScope();
        var h = norm1.call(x);
        x = x + Dropout(self_attn.forward(h, h, h, key_padding_mask, attn_mask));
        if (multihead_attn is not null)
        {
            if (memory is null) throw new ArgumentNullException(nameof(memory), "This Transformer layer has cross-attention and needs a memory to attend to.");
            x = x + Dropout(multihead_attn.forward(norm2!.call(x), memory, memory, memory_key_padding_mask));
        }
        x = x + Dropout(linear2.call(Dropout(nn.functional.gelu(linear1.call(norm3.call(x))))));
        if (key_padding_mask is not null) x = x.masked_fill(key_padding_mask.unsqueeze(2), 0);
        return x.MoveToOuterDisposeScope();
    }

    private Tensor Dropout(Tensor x) => _dropout > 0 ? nn.functional.dropout(x, _dropout, training) : x;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            self_attn.Dispose(); multihead_attn?.Dispose();
            linear1.Dispose(); linear2.Dispose();
            norm1.Dispose(); norm2?.Dispose(); norm3.Dispose();
        }
        base.Dispose(disposing);
    }
}
