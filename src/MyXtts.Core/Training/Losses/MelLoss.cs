using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// Masked L1 between predicted and target log-mel, before and after the postnet (Tacotron 2 / XTTS style): padded frames
/// count for nothing, and each of the two terms is a mean over valid frames and mel bands.
/// Shapes: mel [B, n_mels, T], lengths [B].
/// </summary>
[Plugin(Name, Summary = "Masked L1 on the mel before and after the postnet (built-in)")]
public sealed class MelLoss : ILossTerm
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.mel_loss</c> (or the legacy <c>mel</c>).</summary>
    public const string Name = "mel_loss";

    /// <inheritdoc />
    public LossValue Compute(LossContext context)
    {
        using var scope = NewDisposeScope();
        var target = context.Batch.Mel;
        var mask = FrameMask(context.Batch.MelLengths, target.shape[2]).unsqueeze(1).to(target.dtype);   // [B, 1, T]
        var valid = mask.sum() * target.shape[1];
        var before = ((context.Outputs.Mel - target).abs() * mask).sum() / valid;
        var after = ((context.Outputs.MelPostnet - target).abs() * mask).sum() / valid;
        return new LossValue((before + after).MoveToOuterDisposeScope());
    }

    /// <summary>[B, T] boolean mask, true on the first lengths[b] frames of row b.</summary>
    public static Tensor FrameMask(Tensor lengths, long frames) =>
        arange(frames, device: lengths.device).unsqueeze(0) < lengths.unsqueeze(1);
}
