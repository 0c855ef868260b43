using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Losses;

/// <summary>
/// HiFi-GAN's mel reconstruction term: L1 between the log-mel of the real audio and that of the generated audio
/// (train.py: <c>F.l1_loss(y_mel, y_g_hat_mel) * 45</c>, both computed with <c>fmax_for_loss</c>). The mels come from
/// the host's mel transform, so this plugin does not duplicate it.
/// </summary>
public static class MelReconstructionLoss
{
    /// <summary>The reference's weight (λ_mel = 45).</summary>
    public const double DefaultWeight = 45.0;

    /// <summary>mean(|realMel − fakeMel|), unweighted; shapes must match ([B, n_mels, T]).</summary>
    public static Tensor L1(Tensor realMel, Tensor fakeMel)
    {
        if (!realMel.shape.SequenceEqual(fakeMel.shape))
            throw new ArgumentException(
                $"Mel L1 needs equal shapes; got real [{string.Join(", ", realMel.shape)}] and generated [{string.Join(", ", fakeMel.shape)}]. " +
                "Cut the generated audio to the real segment's length before taking its mel.");
        return nn.functional.l1_loss(fakeMel, realMel);
    }
}
