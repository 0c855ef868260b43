using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MultiheadAttention = MyXtts.Core.Models.Layers.MultiheadAttention;

namespace MyXtts.Core.Models.Autoregressive;

/// <summary>
/// A pre-norm Transformer decoder layer with PyTorch's <c>TransformerDecoderLayer</c> field names: causal
/// <c>self_attn</c> over the decoded steps, <c>multihead_attn</c> over the text (its weights are the alignment the
/// guided attention loss reads), then — with voice conditioning — <c>conditioning_attn</c> over the conditioning latents
/// (as XTTS's GPT reads its conditioning prefix), then a GELU feed-forward. Two ways to run it that compute the same
/// thing: <see cref="forward"/> for all steps at once (teacher forcing, causal mask) and <see cref="Step"/> for one new
/// step against a <see cref="SelfAttentionCache"/>. Shapes: x [B, T, D].
/// </summary>
public sealed class CausalDecoderLayer : nn.Module
{
    private readonly MultiheadAttention self_attn;
    private readonly MultiheadAttention multihead_attn;
    private readonly MultiheadAttention? conditioning_attn;
    private readonly Linear linear1;
    private readonly Linear linear2;
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly LayerNorm? norm_conditioning;
    private readonly LayerNorm norm3;
    private readonly double _dropout;

    public CausalDecoderLayer(string name, long dim, long heads, double dropout, bool conditioning) : base(name)
    {
        _dropout = dropout;
        self_attn = new MultiheadAttention("self_attn", dim, heads, dropout);
        multihead_attn = new MultiheadAttention("multihead_attn", dim, heads, dropout);
        if (conditioning)
        {
            conditioning_attn = new MultiheadAttention("conditioning_attn", dim, heads, dropout);
            norm_conditioning = nn.LayerNorm(dim);
        }
        linear1 = nn.Linear(dim, 4 * dim);
        linear2 = nn.Linear(4 * dim, dim);
        norm1 = nn.LayerNorm(dim);
        norm2 = nn.LayerNorm(dim);
        norm3 = nn.LayerNorm(dim);
        RegisterComponents();
    }

    /// <summary>The memory's keys and values for this layer, projected once per utterance.</summary>
    public ProjectedMemory Project(DecoderMemory memory)
    {
        using var scope = NewDisposeScope();
        var (textKeys, textValues) = multihead_attn.ProjectKeysValues(memory.Text, memory.Text);
        Tensor? latentKeys = null, latentValues = null;
        if (conditioning_attn is not null)
        {
            if (memory.Latents is null) throw new ArgumentException("This decoder layer attends to conditioning latents but none were given.", nameof(memory));
            (latentKeys, latentValues) = conditioning_attn.ProjectKeysValues(memory.Latents, memory.Latents);
        }
        return new ProjectedMemory(textKeys.MoveToOuterDisposeScope(), textValues.MoveToOuterDisposeScope(), memory.TextPadding,
            latentKeys?.MoveToOuterDisposeScope(), latentValues?.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// All steps at once: (output [B, T, D], attention over the text [B, T, L]). <paramref name="causal"/> [T, T] is true
    /// above the diagonal (PyTorch's attn_mask: forbidden); <paramref name="stepPadding"/> [B, T] is true on padded steps.
    /// </summary>
    public (Tensor Output, Tensor Alignment) forward(Tensor x, Tensor causal, Tensor? stepPadding, ProjectedMemory memory)
    {
        using var scope = NewDisposeScope();
        var h = norm1.call(x);
        var (keys, values) = self_attn.ProjectKeysValues(h, h);
        var (output, alignment) = Rest(x, h, keys, values, stepPadding, causal, memory);
        if (stepPadding is not null) output = output.masked_fill(stepPadding.unsqueeze(2), 0);
        return (output.MoveToOuterDisposeScope(), alignment.MoveToOuterDisposeScope());
    }

    /// <summary>One new step x [B, 1, D]: appends its keys and values to <paramref name="cache"/> and attends over every cached step.</summary>
    public (Tensor Output, Tensor Alignment) Step(Tensor x, SelfAttentionCache cache, ProjectedMemory memory)
    {
        using var scope = NewDisposeScope();
        var h = norm1.call(x);
        var (keys, values) = self_attn.ProjectKeysValues(h, h);
        cache.Append(keys, values);
        var (output, alignment) = Rest(x, h, cache.Keys, cache.Values, null, null, memory);
        return (output.MoveToOuterDisposeScope(), alignment.MoveToOuterDisposeScope());
    }

    private (Tensor Output, Tensor Alignment) Rest(Tensor x, Tensor h, Tensor keys, Tensor values, Tensor? padding, Tensor? causal, ProjectedMemory memory)
    {
        x = x + Dropout(self_attn.Attend(h, keys, values, padding, causal));
        var (text, alignment) = multihead_attn.AttendWithWeights(norm2.call(x), memory.TextKeys, memory.TextValues, memory.TextPadding);
        x = x + Dropout(text);
        if (conditioning_attn is not null)
            x = x + Dropout(conditioning_attn.Attend(norm_conditioning!.call(x), memory.LatentKeys!, memory.LatentValues!));
        x = x + Dropout(linear2.call(Dropout(nn.functional.gelu(linear1.call(norm3.call(x))))));
        return (x, alignment);
    }

    private Tensor Dropout(Tensor x) => _dropout > 0 ? nn.functional.dropout(x, _dropout, training) : x;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            self_attn.Dispose(); multihead_attn.Dispose(); conditioning_attn?.Dispose();
            linear1.Dispose(); linear2.Dispose();
            norm1.Dispose(); norm2.Dispose(); norm_conditioning?.Dispose(); norm3.Dispose();
        }
        base.Dispose(disposing);
    }
}
