using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MultiheadAttention = MyXtts.Core.Models.Layers.MultiheadAttention;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>
/// Global Style Tokens (Wang et al., 2018): a <c>reference_encoder</c> (3 masked stride-2 convolutions, masked mean over time)
/// summarises the reference mel into a query; multi-head <c>attention</c> over K learned <c>tokens</c> (through tanh)
/// returns the style embedding. At inference the style can instead come from explicit token weights
/// (<see cref="FromWeights"/>), which lets a user dial a style without a reference. Shapes: mel [B, n_mels, T] → [B, D].
/// </summary>
public sealed class GlobalStyleTokens : nn.Module
{
    private readonly Sequential reference_encoder;
    private readonly Linear query;
    private readonly Parameter tokens;
    private readonly MultiheadAttention attention;

    public GlobalStyleTokens(string name, long nMels, long channels, long dim, int tokenCount, long heads) : base(name)
    {
        reference_encoder = nn.Sequential(
            ("0", nn.Conv1d(nMels, channels, 3, stride: 2, padding: 1)), ("1", nn.ReLU()),
            ("2", nn.Conv1d(channels, channels, 3, stride: 2, padding: 1)), ("3", nn.ReLU()),
            ("4", nn.Conv1d(channels, channels, 3, stride: 2, padding: 1)), ("5", nn.ReLU()));
        query = nn.Linear(channels, dim);
        tokens = new Parameter(randn(tokenCount, dim) * 0.5);
        attention = new MultiheadAttention("attention", dim, heads);
        RegisterComponents();
    }

    /// <summary>Number of style tokens.</summary>
    public long TokenCount => tokens.shape[0];

    /// <summary>Style embedding [B, D] of the reference mel [B, n_mels, T] with valid lengths [B].</summary>
    public Tensor forward(Tensor mel, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var keys = Keys(mel);
        return attention.forward(Query(mel, lengths), keys, keys).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Style embedding [B, D] from explicit token weights [B, K] (rows usually sum to 1, e.g. one-hot for a single
    /// token): Σ_k w_k · out_proj(value_proj(tanh(token_k))) — exactly what attention returns when it puts those weights on the tokens.
    /// </summary>
    public Tensor FromWeights(Tensor weights)
    {
        if (weights.shape[^1] != TokenCount)
            throw new ArgumentException($"Style token weights have {weights.shape[^1]} entries but the model has {TokenCount} style tokens; pass one weight per token.");
        using var scope = NewDisposeScope();
        var values = attention.ProjectValues(tanh(tokens)).to(weights.dtype);   // [K, D]
        return weights.matmul(values).MoveToOuterDisposeScope();
    }

    /// <summary>The attention weights [B, K] the reference puts on each token (averaged over heads).</summary>
    public Tensor TokenWeights(Tensor mel, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        return attention.Weights(Query(mel, lengths), Keys(mel)).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>[B, 1, D]: the reference encoder's masked time average, projected.</summary>
    private Tensor Query(Tensor mel, Tensor lengths)
    {
        // Each stride-2 convolution halves the valid length (ceil), and its output beyond it is masked before the next one
        // reads it, so a reference gets the same style alone as padded in a longer batch.
        var h = mel * SequenceMasks.ChannelMask(lengths, mel.shape[2], mel.dtype);
        var valid = lengths;
        var layers = reference_encoder.children().Cast<nn.Module<Tensor, Tensor>>().ToArray();
        for (var i = 0; i < layers.Length; i += 2)                                                          // (conv, ReLU) pairs
        {
            h = layers[i + 1].call(layers[i].call(h));
            valid = (valid + 1).div(2, rounding_mode: RoundingMode.floor);
            h = h * SequenceMasks.ChannelMask(valid.clamp_min(1), h.shape[2], h.dtype);
        }
        var mask = SequenceMasks.ChannelMask(valid.clamp_min(1), h.shape[2], h.dtype);
        return query.call((h * mask).sum(2) / mask.sum(2).clamp_min(1)).unsqueeze(1);
    }

    /// <summary>[B, K, D]: the tokens through tanh, as keys and values.</summary>
    private Tensor Keys(Tensor mel) => tanh(tokens).to(mel.dtype).unsqueeze(0).expand(mel.shape[0], -1, -1);

    protected override void Dispose(bool disposing)
    {
        if (disposing) { reference_encoder.Dispose(); query.Dispose(); attention.Dispose(); }
        base.Dispose(disposing);
    }
}
