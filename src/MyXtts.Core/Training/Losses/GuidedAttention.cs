using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// Guided attention (Tachibana et al., 2018, DC-TTS): a penalty on attention mass far from the diagonal, which teaches
/// an autoregressive decoder's text attention to move monotonically and at a steady pace from the first token to the
/// last. W[t, l] = 1 − exp(−(l/L − t/T)² / (2g²)) with each row's own T (steps) and L (tokens); the loss is
/// Σ_valid A[t, l]·W[t, l] averaged over valid steps, i.e. the off-diagonal share of each step's attention.
/// </summary>
public static class GuidedAttention
{
    /// <summary>The band width g (DC-TTS's 0.2): attention within about ±g of the diagonal costs little.</summary>
    public const double Width = 0.2;

    /// <summary>Scalar loss of alignment [B, T', L] (float32) with valid steps [B] and tokens [B].</summary>
    public static Tensor Loss(Tensor alignment, Tensor steps, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (t, l) = (alignment.shape[1], alignment.shape[2]);
        var device = alignment.device;
        var stepMask = SequenceMasks.Valid(steps.to(device), t).to(ScalarType.Float32);                        // [B, T']
        var tokenMask = SequenceMasks.Valid(tokens.to(device), l).to(ScalarType.Float32);                     // [B, L]
        var stepPosition = arange(t, dtype: ScalarType.Float32, device: device).unsqueeze(0) / steps.to(device).to(ScalarType.Float32).clamp_min(1).unsqueeze(1);
        var tokenPosition = arange(l, dtype: ScalarType.Float32, device: device).unsqueeze(0) / tokens.to(device).to(ScalarType.Float32).clamp_min(1).unsqueeze(1);
        var distance = tokenPosition.unsqueeze(1) - stepPosition.unsqueeze(2);                                 // [B, T', L]
        var penalty = 1 - (-distance.pow(2) / (2 * Width * Width)).exp();
        var mask = stepMask.unsqueeze(2) * tokenMask.unsqueeze(1);
        return ((alignment * penalty * mask).sum() / stepMask.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}
