using MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Discriminators;

public sealed class DiscriminatorStructureTests
{
    [Fact]
    public void Period_discriminators_reflect_pad_to_a_multiple_of_the_period_and_fold_the_audio()
    {
        using var mpd = new MultiPeriodDiscriminator(channelDivisor: 8);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var outputs = mpd.call(randn(2, 1, 3000), randn(2, 1, 3000));
        Assert.Equal([2L, 4, 500, 2], outputs.RealFeatureMaps[0][0].shape);   // 3000 / 2, no padding
        Assert.Equal([2L, 4, 143, 7], outputs.RealFeatureMaps[3][0].shape);   // 3000 → 3003 = 429 · 7
        Assert.Equal([2L, 1, 4, 11], outputs.FakeFeatureMaps[4][5].shape);
        Assert.Equal([2L, 44], outputs.FakeScores[4].shape);
    }

    [Fact]
    public void Scale_discriminators_see_the_audio_average_pooled_once_and_twice()
    {
        using var msd = new MultiScaleDiscriminator(channelDivisor: 8);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var outputs = msd.call(randn(2, 1, 3000), randn(2, 1, 3000));
        Assert.Equal([2L, 16, 3000], outputs.RealFeatureMaps[0][0].shape);
        Assert.Equal([2L, 16, 1501], outputs.RealFeatureMaps[1][0].shape);
        Assert.Equal([2L, 16, 751], outputs.RealFeatureMaps[2][0].shape);
        Assert.Equal(8, outputs.FakeFeatureMaps[2].Count);
    }

    [Fact]
    public void Published_width_discriminators_have_the_reference_key_shapes()
    {
        using var mpd = new MultiPeriodDiscriminator();
        using var msd = new MultiScaleDiscriminator();
        var p = mpd.state_dict().ToDictionary(e => e.Key, e => e.Value.shape);
        var s = msd.state_dict().ToDictionary(e => e.Key, e => e.Value.shape);
        Assert.Equal([1024L, 1024, 5, 1], p["discriminators.4.convs.4.weight_v"]);
        Assert.Equal([1024L, 1, 1, 1], p["discriminators.4.convs.4.weight_g"]);
        Assert.Equal([128L, 32, 41], s["discriminators.0.convs.1.weight_orig"]);
        Assert.Equal([1312L], s["discriminators.0.convs.1.weight_v"]);
        Assert.Equal([1024L, 64, 41], s["discriminators.2.convs.5.weight_v"]);
        Assert.Equal(90, p.Count);   // the reference's 170 keys: 90 mpd + 80 msd
        Assert.Equal(80, s.Count);
    }

    [Fact]
    public void A_channel_divisor_that_breaks_the_grouped_convolutions_lists_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => new MultiScaleDiscriminator(channelDivisor: 16));
        Assert.Contains("1, 2, 4, 8", error.Message);
    }
}
