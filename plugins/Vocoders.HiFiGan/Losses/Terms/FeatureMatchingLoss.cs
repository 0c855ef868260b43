using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders.Training;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Losses.Terms;

/// <summary>train.py loss_fm_f + loss_fm_s: 2 · Σ mean(|fmap_r − fmap_g|) over every feature map of every sub-discriminator.</summary>
[Plugin("feature_matching_loss", Summary = "Feature matching between discriminator activations on real and generated audio (stage 2)")]
public sealed class FeatureMatchingLoss : IVocoderLossTerm
{
    /// <inheritdoc />
    public VocoderLossPhase Phase => VocoderLossPhase.Generator;

    /// <inheritdoc />
    public LossValue Compute(VocoderLossContext context) =>
        new(AdversarialLosses.FeatureMatching(context.Verdicts.Select(v => v.RealFeatures).ToList(), context.Verdicts.Select(v => v.GeneratedFeatures).ToList()));
}
