using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;

/// <summary>models.py MultiPeriodDiscriminator: DiscriminatorP for periods 2, 3, 5, 7, 11. Keys: <c>discriminators.{0..4}.*</c>.</summary>
public sealed class MultiPeriodDiscriminator : nn.Module<Tensor, Tensor, DiscriminatorOutputs>
{
    /// <summary>The reference's periods.</summary>
    public static IReadOnlyList<int> Periods { get; } = [2, 3, 5, 7, 11];

    private readonly ModuleList<DiscriminatorP> discriminators;

    /// <summary>Creates the five period discriminators at the published width ÷ <paramref name="channelDivisor"/>.</summary>
    public MultiPeriodDiscriminator(int channelDivisor = 1, string name = "mpd") : base(name)
    {
        discriminators = new ModuleList<DiscriminatorP>(
            Periods.Select((p, i) => new DiscriminatorP($"discriminators.{i}", p, channelDivisor)).ToArray());
        RegisterComponents();
    }

    /// <summary>Each period discriminator on real <paramref name="y"/> and generated <paramref name="yHat"/> [B, 1, T].</summary>
    public override DiscriminatorOutputs forward(Tensor y, Tensor yHat)
    {
        var real = new List<DiscriminatorResult>();
        var fake = new List<DiscriminatorResult>();
        foreach (var d in discriminators)
        {
            real.Add(d.call(y));
            fake.Add(d.call(yHat));
        }
        return DiscriminatorOutputs.From(real, fake);
    }
}
