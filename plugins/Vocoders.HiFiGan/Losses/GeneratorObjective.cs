using MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Losses;

/// <summary>Weights of the generator's terms; the defaults are train.py's (adversarial 1, feature matching 1, mel 45).</summary>
public sealed record GeneratorLossWeights
{
    /// <summary>Weight of each least-squares adversarial loss (MPD and MSD).</summary>
    public double Adversarial { get; init; } = 1.0;

    /// <summary>Weight of each feature-matching loss (which already includes the reference's factor 2).</summary>
    public double FeatureMatching { get; init; } = 1.0;

    /// <summary>Weight of the mel L1 loss.</summary>
    public double Mel { get; init; } = MelReconstructionLoss.DefaultWeight;
}

/// <summary>The generator step's terms (unweighted) and their weighted sum.</summary>
public sealed record GeneratorLosses(Tensor Total, Tensor AdversarialPeriod, Tensor AdversarialScale, Tensor FeatureMatchingPeriod, Tensor FeatureMatchingScale, Tensor MelL1);

/// <summary>The discriminator step's terms and their sum (train.py loss_disc_all = loss_disc_s + loss_disc_f).</summary>
public sealed record DiscriminatorLosses(Tensor Total, DiscriminatorLossParts Period, DiscriminatorLossParts Scale);

/// <summary>train.py's two objectives, assembled from the discriminator outputs and the mels.</summary>
public static class HiFiGanObjectives
{
    /// <summary>loss_gen_all = loss_gen_s + loss_gen_f + loss_fm_s + loss_fm_f + 45 · mel L1 (with the default weights).</summary>
    public static GeneratorLosses Generator(DiscriminatorOutputs mpd, DiscriminatorOutputs msd, Tensor realMel, Tensor fakeMel, GeneratorLossWeights? weights = null)
    {
        weights ??= new GeneratorLossWeights();
        var advF = AdversarialLosses.Generator(mpd.FakeScores).Total;
        var advS = AdversarialLosses.Generator(msd.FakeScores).Total;
        var fmF = AdversarialLosses.FeatureMatching(mpd.RealFeatureMaps, mpd.FakeFeatureMaps);
        var fmS = AdversarialLosses.FeatureMatching(msd.RealFeatureMaps, msd.FakeFeatureMaps);
        var mel = MelReconstructionLoss.L1(realMel, fakeMel);
        using var scope = NewDisposeScope();
        var total = (advF + advS) * weights.Adversarial + (fmF + fmS) * weights.FeatureMatching + mel * weights.Mel;
        return new GeneratorLosses(total.MoveToOuterDisposeScope(), advF, advS, fmF, fmS, mel);
    }

    /// <summary>loss_disc_all = loss_disc_s + loss_disc_f (pass discriminator outputs computed on detached ŷ).</summary>
    public static DiscriminatorLosses Discriminator(DiscriminatorOutputs mpd, DiscriminatorOutputs msd)
    {
        var f = AdversarialLosses.Discriminator(mpd.RealScores, mpd.FakeScores);
        var s = AdversarialLosses.Discriminator(msd.RealScores, msd.FakeScores);
        return new DiscriminatorLosses(s.Total + f.Total, f, s);
    }
}
