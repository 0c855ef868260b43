using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Conditioning;

/// <summary>
/// How fast the reference speaks, measured from its mel alone: the log of the mean spectral flux, the mean absolute
/// change of the (standardised) log-mel from one frame to the next over the valid frames. Speech at a faster tempo goes
/// through its phones in fewer frames, so more of its frame-to-frame steps cross a transition; a clip slowed to twice its
/// length (every frame doubled) scores log 2 lower. Pooled speaker embeddings average time away and cannot carry this,
/// which is why tempo twins got the same durations; the duration predictor reads this feature through
/// <c>reference_rate</c>. No parameters and no gradient: an input, not a learned representation.
/// </summary>
public static class ReferenceRate
{
    /// <summary>[B, 1] log mean flux of <paramref name="mel"/> [B, M, T] over its first <paramref name="lengths"/> [B] frames (at least two).</summary>
    public static Tensor Feature(Tensor mel, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var frames = mel.shape[2];
        if (frames < 2) return zeros(mel.shape[0], 1, dtype: mel.dtype, device: mel.device).MoveToOuterDisposeScope();
        var change = (mel[.., .., 1..] - mel[.., .., ..^1]).abs().mean([1]);                                  // [B, T-1]
        var steps = (lengths - 1).clamp_min(1);
        var valid = SequenceMasks.Valid(steps, frames - 1).to(mel.dtype);
        var flux = (change * valid).sum(1) / valid.sum(1).clamp_min(1);
        return flux.clamp_min(1e-4).log().unsqueeze(1).MoveToOuterDisposeScope();
    }
}
