using MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Training;

/// <summary>
/// Both discriminators in one module, with train.py's <c>do_</c> key layout (<c>mpd.*</c>, <c>msd.*</c>), so the host
/// checkpoints and optimizes them as one. Not called directly: see <see cref="HiFiGanTrainingModel.Discriminate"/>.
/// </summary>
public sealed class HiFiGanDiscriminators : nn.Module
{
    private readonly MultiPeriodDiscriminator mpd;
    private readonly MultiScaleDiscriminator msd;

    /// <summary>MPD and MSD at the published width ÷ <paramref name="channelDivisor"/> (1, 2, 4 or 8).</summary>
    public HiFiGanDiscriminators(int channelDivisor = 1) : base("discriminators")
    {
        DiscriminatorWidth.Validate(channelDivisor);
        ChannelDivisor = channelDivisor;
        mpd = new MultiPeriodDiscriminator(channelDivisor);
        msd = new MultiScaleDiscriminator(channelDivisor);
        RegisterComponents();
    }

    /// <summary>The width divisor.</summary>
    public int ChannelDivisor { get; }

    /// <summary>Period discriminators.</summary>
    public MultiPeriodDiscriminator Mpd => mpd;

    /// <summary>Scale discriminators.</summary>
    public MultiScaleDiscriminator Msd => msd;
}
