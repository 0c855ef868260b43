using MyXtts.Core.Models.Conditioning;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models.Conditioning;

public sealed class ReferenceRateTests
{
    [Fact]
    public void A_reference_slowed_to_twice_its_length_scores_log_two_lower_and_padding_does_not_count()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var speech = randn(1, 8, 40);
        var slowed = speech.repeat_interleave(2, dim: 2);                                    // every frame twice: same sounds, half the tempo
        var padded = cat([speech, full(1, 8, 25, 7f)], dim: 2);                              // a loud pad after the valid frames

        var rates = ReferenceRate.Feature(cat([speech, slowed[.., .., ..40]], 0), tensor(new long[] { 40, 40 }));
        var fast = ReferenceRate.Feature(speech, tensor(new long[] { 40 })).item<float>();
        var slow = ReferenceRate.Feature(slowed, tensor(new long[] { 80 })).item<float>();
        var withPadding = ReferenceRate.Feature(padded, tensor(new long[] { 40 })).item<float>();

        Assert.Equal(new long[] { 2, 1 }, rates.shape);
        Assert.Equal(Math.Log(2 * 79.0 / 78), fast - slow, 3);                                 // 39 changes in 79 steps against 39 in 39
        Assert.Equal(fast, withPadding, 5);
        Assert.False(rates.requires_grad);
    }
}
