using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders.Training;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Losses.Terms;

/// <summary>train.py loss_disc_all: Σ over sub-discriminators of mean((1 − D(y))²) + mean(D(ŷ)²), ŷ detached.</summary>
[Plugin("discriminator_loss", Summary = "Least-squares GAN loss of the vocoder discriminators (stage 2)")]
public sealed class DiscriminatorLoss : IVocoderLossTerm
{
    /// <inheritdoc />
    public VocoderLossPhase Phase => VocoderLossPhase.Discriminator;

    /// <inheritdoc />
    public LossValue Compute(VocoderLossContext context) =>
        new(AdversarialLosses.Discriminator(context.Verdicts.Select(v => v.RealScore).ToList(), context.Verdicts.Select(v => v.GeneratedScore).ToList()).Total);
}
