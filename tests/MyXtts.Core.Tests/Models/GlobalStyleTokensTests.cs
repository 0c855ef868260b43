using MyXtts.Core.Models.Conditioning;
using MyXtts.Core.Tests.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

[Collection(TrainingCollection.Name)]
public sealed class GlobalStyleTokensTests
{
    [Fact]
    public void Style_from_the_reference_equals_style_from_the_token_weights_the_reference_attends_with()
    {
        ModelTestSupport.Seed();
        using var gst = new GlobalStyleTokens("gst", 8, 16, 12, tokenCount: 5, heads: 1);
        gst.eval();
        var mel = randn(2, 8, 40);
        var lengths = tensor(new long[] { 40, 25 });

        var style = gst.forward(mel, lengths);
        var weights = gst.TokenWeights(mel, lengths);

        Assert.Equal(new long[] { 2, 12 }, style.shape);
        Assert.True(ModelTestSupport.MaxDiff(weights.sum(1), ones(2)) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(style, gst.FromWeights(weights)) < 1e-4);
    }

    [Fact]
    public void Explicit_token_weights_of_the_wrong_size_are_rejected_with_the_token_count()
    {
        using var gst = new GlobalStyleTokens("gst", 8, 16, 12, tokenCount: 5, heads: 2);
        var error = Assert.Throws<ArgumentException>(() => gst.FromWeights(ones(1, 3)));
        Assert.Contains("5 style tokens", error.Message);
    }

    [Fact]
    public void Reference_padding_does_not_change_the_style()
    {
        ModelTestSupport.Seed();
        using var gst = new GlobalStyleTokens("gst", 8, 16, 12, tokenCount: 5, heads: 2);
        gst.eval();
        var mel = randn(1, 8, 32);
        var altered = mel.clone();
        altered[.., .., 24..] = 40;
        var lengths = tensor(new long[] { 24 });
        Assert.True(ModelTestSupport.MaxDiff(gst.forward(mel, lengths), gst.forward(altered, lengths)) < 1e-5);
    }

    [Theory]
    [InlineData(26)]
    [InlineData(30)]
    public void A_reference_alone_and_the_same_reference_padded_in_a_batch_get_the_same_style(int frames)
    {
        // After the 3 stride-2 convolutions a reference of T frames has ceil(T/8) valid frames; counting one more takes
        // a frame of the padding into the average whenever the batch is longer than the reference.
        ModelTestSupport.Seed();
        using var gst = new GlobalStyleTokens("gst", 8, 16, 12, tokenCount: 5, heads: 2);
        gst.eval();
        var mel = randn(1, 8, frames);
        var padded = cat([mel, zeros(1, 8, 48 - frames)], 2);
        var lengths = tensor(new long[] { frames });
        Assert.True(ModelTestSupport.MaxDiff(gst.forward(mel, lengths), gst.forward(padded, lengths)) < 1e-5);
    }
}
