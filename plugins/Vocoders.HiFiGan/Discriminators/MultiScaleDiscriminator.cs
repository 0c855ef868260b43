using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;

/// <summary>
/// models.py MultiScaleDiscriminator: three DiscriminatorS, the first spectral-normalised on the raw audio, the others
/// on audio average-pooled once and twice by AvgPool1d(4, 2, padding 2) (zero padding counted, divisor always 4).
/// Keys: <c>discriminators.{0..2}.*</c> (the pools have no state).
/// </summary>
public sealed class MultiScaleDiscriminator : nn.Module<Tensor, Tensor, DiscriminatorOutputs>
{
    private readonly ModuleList<DiscriminatorS> discriminators;

    /// <summary>Creates the three scale discriminators at the published width ÷ <paramref name="channelDivisor"/>.</summary>
    public MultiScaleDiscriminator(int channelDivisor = 1, string name = "msd") : base(name)
    {
        discriminators = new ModuleList<DiscriminatorS>(
            new DiscriminatorS("discriminators.0", useSpectralNorm: true, channelDivisor),
            new DiscriminatorS("discriminators.1", useSpectralNorm: false, channelDivisor),
            new DiscriminatorS("discriminators.2", useSpectralNorm: false, channelDivisor));
        RegisterComponents();
    }

    /// <summary>
    /// Each scale on real <paramref name="y"/> and generated <paramref name="yHat"/> [B, 1, T]. In training mode the first
    /// scale's spectral norm iterates once on the y call and again on the y_hat call, as in the reference.
    /// </summary>
    public override DiscriminatorOutputs forward(Tensor y, Tensor yHat)
    {
        var real = new List<DiscriminatorResult>();
        var fake = new List<DiscriminatorResult>();
        using var pooled = NewDisposeScope();
        for (int i = 0; i < discriminators.Count; i++)
        {
            if (i > 0)
            {
                y = MeanPool(y);        // [B, 1, T / 2 + 1]
                yHat = MeanPool(yHat);
            }
            real.Add(discriminators[i].call(y));
            fake.Add(discriminators[i].call(yHat));
        }
        foreach (var r in real.Concat(fake))
        {
            r.Score.MoveToOuterDisposeScope();
            pooled.MoveToOuter(r.FeatureMaps);
        }
        return DiscriminatorOutputs.From(real, fake);
    }

    private static Tensor MeanPool(Tensor x) =>
        nn.functional.avg_pool1d(x, 4, stride: 2, padding: 2, ceil_mode: false, count_include_pad: true);
}
