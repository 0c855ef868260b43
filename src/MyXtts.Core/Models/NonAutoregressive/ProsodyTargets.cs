using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.NonAutoregressive;

/// <summary>
/// Per-token pitch and energy targets of the variance adaptor, from frame-level features and the searched alignment
/// (FastPitch / FastSpeech 2 style): each frame-level contour is standardised per utterance, then averaged over the
/// frames each token is aligned to. Pitch is log-F0 over voiced frames only (YIN writes 0 Hz where unvoiced), so a
/// token without a voiced frame gets 0, the utterance's mean; energy is the mean log-mel over bands of every valid frame.
/// Per-utterance standardisation keeps the targets speaker-independent: a voice's register and loudness come from the
/// reference through the voice conditioning, and the predictors learn the contour (intonation, stress) that the text
/// and style explain, which transfers to unseen voices without corpus statistics. No gradient flows through targets.
/// Shapes: frame features [B, T] (or log-mel [B, M, T]), mel lengths [B], path [B, L, T'] with T' = ceil(T / r) → [B, L].
/// </summary>
public static class ProsodyTargets
{
    /// <summary>Smallest standard deviation divided by: a flat contour (≤ 1 % pitch movement) is not blown up to unit variance.</summary>
    public const double MinStd = 0.01;

    /// <summary>Per-token standardised log-F0 from F0 in Hz per frame (0 = unvoiced).</summary>
    public static Tensor Pitch(Tensor f0, Tensor melLengths, Tensor path, int r)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var hz = f0.to(ScalarType.Float32);
        var voiced = (hz > 0).to(ScalarType.Float32) * SequenceMasks.Valid(melLengths.to(hz.device), hz.shape[1]).to(ScalarType.Float32);
        var z = Standardize(hz.clamp_min(1).log(), voiced);
        return PerToken(z, voiced, path, r).MoveToOuterDisposeScope();
    }

    /// <summary>Per-token standardised frame energy, the mean over bands of the log-mel [B, M, T].</summary>
    public static Tensor Energy(Tensor logMel, Tensor melLengths, Tensor path, int r)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var energy = logMel.to(ScalarType.Float32).mean([1]);                                              // [B, T]
        var valid = SequenceMasks.Valid(melLengths.to(energy.device), energy.shape[1]).to(ScalarType.Float32);
        return PerToken(Standardize(energy, valid), valid, path, r).MoveToOuterDisposeScope();
    }

    /// <summary>(x − mean) / std per row over the frames with weight 1; 0 elsewhere. x, weights [B, T].</summary>
    public static Tensor Standardize(Tensor x, Tensor weights)
    {
        using var scope = NewDisposeScope();
        var count = weights.sum(1, keepdim: true).clamp_min(1);
        var mean = (x * weights).sum(1, keepdim: true) / count;
        var variance = ((x - mean).pow(2) * weights).sum(1, keepdim: true) / count;
        return ((x - mean) / variance.sqrt().clamp_min(MinStd) * weights).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The weighted mean of <paramref name="values"/> [B, T] over each token's aligned frames: the decoder-step path
    /// [B, L, T'] is expanded to frames (each step covers r frames), frames beyond T dropped. Tokens without a weighted frame get 0.
    /// </summary>
    public static Tensor PerToken(Tensor values, Tensor weights, Tensor path, int r)
    {
        using var scope = NewDisposeScope();
        var (b, l, steps) = (path.shape[0], path.shape[1], path.shape[2]);
        var frames = values.shape[1];
        var expanded = path.to(ScalarType.Float32).unsqueeze(3).expand(b, l, steps, r).reshape(b, l, steps * r);   // [B, L, T'r]
        if (steps * r < frames) throw new ArgumentException($"The alignment covers {steps * r} frames but the features have {frames}; they must come from the same mel.");
        expanded = expanded[.., .., ..(int)frames];                                                                   // [B, L, T]
        var sum = expanded.matmul((values * weights).unsqueeze(2)).squeeze(2);                                        // [B, L]
        var count = expanded.matmul(weights.unsqueeze(2)).squeeze(2);
        return (sum / count.clamp_min(1e-6)).MoveToOuterDisposeScope();
    }
}
