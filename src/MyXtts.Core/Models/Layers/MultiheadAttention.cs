using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Layers;

/// <summary>
/// Batch-first multi-head attention with PyTorch's parameter names (<c>in_proj_weight</c>, <c>in_proj_bias</c>,
/// <c>out_proj</c>) and mask conventions: <c>key_padding_mask</c> [B, S] is true on PADDING (ignored keys), and
/// <c>attn_mask</c> [T, S] is true where attention is NOT allowed. Internally it runs libtorch's fused
/// scaled-dot-product attention, whose boolean mask means the opposite (true = may attend); the conversion lives
/// here only, so no caller has to think about it. Shapes: query [B, T, E], key/value [B, S, E] → [B, T, E].
/// </summary>
public sealed class MultiheadAttention : nn.Module
{
    private readonly Parameter in_proj_weight;
    private readonly Parameter in_proj_bias;
    private readonly Linear out_proj;
    private readonly long _heads;
    private readonly double _dropout;

    public MultiheadAttention(string name, long embedDim, long heads, double dropout = 0.0, long? keyDim = null) : base(name)
    {
        if (embedDim % heads != 0)
            throw new ArgumentException($"Attention width {embedDim} is not divisible by {heads} heads; choose a head count that divides the width.");
        if (keyDim is { } kd && kd != embedDim)
            throw new ArgumentException($"Key width {kd} differs from the attention width {embedDim}; project keys to the same width first.");
        _heads = heads;
        _dropout = dropout;
        in_proj_weight = new Parameter(empty(3 * embedDim, embedDim));
        in_proj_bias = new Parameter(zeros(3 * embedDim));
        out_proj = nn.Linear(embedDim, embedDim);
        using (no_grad())
        {
            nn.init.xavier_uniform_(in_proj_weight);
            out_proj.bias!.zero_();
        }
        RegisterComponents();
    }

    /// <summary>Attention output [B, T, E].</summary>
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor? key_padding_mask = null, Tensor? attn_mask = null)
    {
        using var scope = NewDisposeScope();
        var (k, v) = ProjectKeysValues(key, value);
        return Attend(query, k, v, key_padding_mask, attn_mask).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keys and values [B, S, E] projected and split into heads, [B, H, S, E/H] each: what a key/value cache stores, so
    /// that incremental decoding projects every position once (<see cref="Attend"/> takes them).
    /// </summary>
    public (Tensor Keys, Tensor Values) ProjectKeysValues(Tensor key, Tensor value)
    {
        var w = in_proj_weight.chunk(3, 0);
        var b = in_proj_bias.chunk(3, 0);
        return (SplitHeads(nn.functional.linear(key, w[1], b[1])), SplitHeads(nn.functional.linear(value, w[2], b[2])));
    }

    /// <summary>Attention of query [B, T, E] over keys and values from <see cref="ProjectKeysValues"/> → [B, T, E]; masks as in forward.</summary>
    public Tensor Attend(Tensor query, Tensor keys, Tensor values, Tensor? key_padding_mask = null, Tensor? attn_mask = null)
    {
        using var scope = NewDisposeScope();
        var q = ProjectQuery(query);                                                       // [B, H, T, E/H]
        var allowed = AllowedMask(key_padding_mask, attn_mask);
        var attended = nn.functional.scaled_dot_product_attention(q, keys, values, allowed, training ? _dropout : 0.0);
        return Merge(attended, query).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// As <see cref="Attend"/> (key padding only), written out so that the weights come back too: (output [B, T, E], weights
    /// [B, T, S] averaged over heads, before dropout). For layers whose alignment a loss reads.
    /// </summary>
    public (Tensor Output, Tensor Weights) AttendWithWeights(Tensor query, Tensor keys, Tensor values, Tensor? key_padding_mask = null)
    {
        using var scope = NewDisposeScope();
        var q = ProjectQuery(query);
        var scores = q.matmul(keys.transpose(2, 3)) / Math.Sqrt(q.shape[3]);              // [B, H, T, S]
        if (key_padding_mask is not null) scores = scores.masked_fill(key_padding_mask.unsqueeze(1).unsqueeze(2), float.NegativeInfinity);
        var weights = scores.softmax(-1);
        var dropped = training && _dropout > 0 ? nn.functional.dropout(weights, _dropout, true) : weights;
        var output = Merge(dropped.matmul(values), query);
        return (output.MoveToOuterDisposeScope(), weights.mean([1]).MoveToOuterDisposeScope());
    }

    private Tensor ProjectQuery(Tensor query)
    {
        var w = in_proj_weight.chunk(3, 0);
        var b = in_proj_bias.chunk(3, 0);
        return SplitHeads(nn.functional.linear(query, w[0], b[0]));
    }

    /// <summary>[B, H, T, E/H] → out_proj([B, T, E]).</summary>
    private Tensor Merge(Tensor attended, Tensor query) =>
        out_proj.call(attended.transpose(1, 2).reshape(query.shape[0], query.shape[1], query.shape[2]));

    /// <summary>The weights each query gives each key, averaged over heads: [B, T, S] (for inspection and tests).</summary>
    public Tensor Weights(Tensor query, Tensor key, Tensor? key_padding_mask = null)
    {
        using var scope = NewDisposeScope();
        var w = in_proj_weight.chunk(3, 0);
        var b = in_proj_bias.chunk(3, 0);
        var q = SplitHeads(nn.functional.linear(query, w[0], b[0]));
        var k = SplitHeads(nn.functional.linear(key, w[1], b[1]));
        var scores = q.matmul(k.transpose(2, 3)) / Math.Sqrt(q.shape[3]);   // [B, H, T, S]
        if (key_padding_mask is not null) scores = scores.masked_fill(key_padding_mask.unsqueeze(1).unsqueeze(2), float.NegativeInfinity);
        return scores.softmax(-1).mean([1]).MoveToOuterDisposeScope();
    }

    /// <summary>Projects <paramref name="value"/> [.., E] through the value and output projections (no attention).</summary>
    public Tensor ProjectValues(Tensor value)
    {
        using var scope = NewDisposeScope();
        var w = in_proj_weight.chunk(3, 0);
        var b = in_proj_bias.chunk(3, 0);
        return out_proj.call(nn.functional.linear(value, w[2], b[2])).MoveToOuterDisposeScope();
    }

    private Tensor SplitHeads(Tensor x) =>
        x.view(x.shape[0], x.shape[1], _heads, x.shape[2] / _heads).transpose(1, 2);   // [B, L, E] -> [B, H, L, E/H]

    /// <summary>SDPA's boolean mask (true = may attend), broadcastable to [B, H, T, S]; null when nothing is masked.</summary>
    private static Tensor? AllowedMask(Tensor? keyPadding, Tensor? attnMask)
    {
        Tensor? allowed = null;
        if (keyPadding is not null) allowed = keyPadding.logical_not().unsqueeze(1).unsqueeze(2);   // [B, 1, 1, S]
        if (attnMask is not null)
        {
            var fromAttn = attnMask.logical_not();                                                 // [T, S]
            allowed = allowed is null ? fromAttn : allowed.logical_and(fromAttn);
        }
        return allowed;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) out_proj.Dispose();
        base.Dispose(disposing);
    }
}
