using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;

/// <summary>One sub-discriminator's verdict: the flattened score map [B, n] and every feature map (the last is the pre-flatten score).</summary>
public sealed record DiscriminatorResult(Tensor Score, IReadOnlyList<Tensor> FeatureMaps);

/// <summary>
/// What MultiPeriodDiscriminator / MultiScaleDiscriminator.forward(y, y_hat) return in models.py:
/// y_d_rs, y_d_gs, fmap_rs, fmap_gs, one entry per sub-discriminator.
/// </summary>
public sealed record DiscriminatorOutputs(
    IReadOnlyList<Tensor> RealScores,
    IReadOnlyList<Tensor> FakeScores,
    IReadOnlyList<IReadOnlyList<Tensor>> RealFeatureMaps,
    IReadOnlyList<IReadOnlyList<Tensor>> FakeFeatureMaps)
{
    /// <summary>Pairs per-discriminator results on real and generated audio.</summary>
    public static DiscriminatorOutputs From(IReadOnlyList<DiscriminatorResult> real, IReadOnlyList<DiscriminatorResult> fake) =>
        new(real.Select(r => r.Score).ToList(), fake.Select(f => f.Score).ToList(),
            real.Select(r => r.FeatureMaps).ToList(), fake.Select(f => f.FeatureMaps).ToList());
}
