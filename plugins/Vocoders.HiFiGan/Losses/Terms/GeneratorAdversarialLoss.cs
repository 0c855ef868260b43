using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders.Training;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Losses.Terms;

/// <summary>train.py loss_gen_f + loss_gen_s: Σ over sub-discriminators of mean((1 − D(ŷ))²).</summary>
[Plugin("generator_adversarial_loss", Summary = "Least-squares GAN loss of the vocoder generator, summed over sub-discriminators (stage 2)")]
public sealed class GeneratorAdversarialLoss : IVocoderLossTerm
{
    /// <inheritdoc />
    public VocoderLossPhase Phase => VocoderLossPhase.Generator;

    /// <inheritdoc />
    public LossValue Compute(VocoderLossContext context) =>
        new(AdversarialLosses.Generator(context.Verdicts.Select(v => v.GeneratedScore).ToList()).Total);
}
