using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Losses;

/// <summary>A summed loss with the per-discriminator parts it is made of (for logging).</summary>
public sealed record LossParts(Tensor Total, IReadOnlyList<Tensor> Parts);

/// <summary>The discriminator loss: the total and, per sub-discriminator, the real and generated halves.</summary>
public sealed record DiscriminatorLossParts(Tensor Total, IReadOnlyList<Tensor> RealLosses, IReadOnlyList<Tensor> FakeLosses);

/// <summary>
/// HiFi-GAN's least-squares GAN losses and feature matching (models.py discriminator_loss, generator_loss,
/// feature_loss), as plain functions over the discriminator outputs; the trainer wraps them as loss terms.
/// Results are returned into the caller's dispose scope.
/// </summary>
public static class AdversarialLosses
{
    /// <summary>Σ_d mean((1 − D(y))²) + mean(D(ŷ)²). Pass scores of ŷ detached when training the discriminator.</summary>
    public static DiscriminatorLossParts Discriminator(IReadOnlyList<Tensor> realScores, IReadOnlyList<Tensor> fakeScores)
    {
        RequireSameCount(realScores.Count, fakeScores.Count, "real scores", "generated scores");
        var real = realScores.Select(dr => (1 - dr).square().mean()).ToList();
        var fake = fakeScores.Select(dg => dg.square().mean()).ToList();
        using var scope = NewDisposeScope();
        var total = real.Zip(fake, (r, g) => r + g).Aggregate((a, b) => a + b);
        return new DiscriminatorLossParts(total.MoveToOuterDisposeScope(), real, fake);
    }

    /// <summary>Σ_d mean((1 − D(ŷ))²): the generator's adversarial loss.</summary>
    public static LossParts Generator(IReadOnlyList<Tensor> fakeScores)
    {
        if (fakeScores.Count == 0) throw new ArgumentException("Generator loss needs at least one discriminator score.", nameof(fakeScores));
        var parts = fakeScores.Select(dg => (1 - dg).square().mean()).ToList();
        using var scope = NewDisposeScope();
        return new LossParts(parts.Aggregate((a, b) => a + b).MoveToOuterDisposeScope(), parts);
    }

    /// <summary>2 · Σ_d Σ_layer mean(|fmap_r − fmap_g|): feature matching, with the reference's factor 2.</summary>
    public static Tensor FeatureMatching(IReadOnlyList<IReadOnlyList<Tensor>> realMaps, IReadOnlyList<IReadOnlyList<Tensor>> fakeMaps)
    {
        RequireSameCount(realMaps.Count, fakeMaps.Count, "real feature-map sets", "generated feature-map sets");
        using var scope = NewDisposeScope();
        Tensor? loss = null;
        for (int d = 0; d < realMaps.Count; d++)
        {
            RequireSameCount(realMaps[d].Count, fakeMaps[d].Count, $"real feature maps of discriminator {d}", "generated ones");
            for (int l = 0; l < realMaps[d].Count; l++)
            {
                var term = (realMaps[d][l] - fakeMaps[d][l]).abs().mean();
                loss = loss is null ? term : loss + term;
            }
        }
        if (loss is null) throw new ArgumentException("Feature matching needs at least one feature map.", nameof(realMaps));
        return (loss * 2).MoveToOuterDisposeScope();
    }

    private static void RequireSameCount(int a, int b, string what, string other)
    {
        if (a != b) throw new ArgumentException($"HiFi-GAN loss: {a} {what} but {b} {other}; pass the outputs of one discriminator call.");
    }
}
