using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Speakers;
using NSubstitute;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Speakers;

public sealed class SpeakerEmbedderTests
{
    [Fact]
    public void The_encoder_gets_one_padded_batch_without_gradients_and_each_row_comes_back_as_an_array()
    {
        var encoder = Substitute.For<ISpeakerEncoder>();
        long[]? seenShape = null, seenLengths = null;
        bool gradients = true;
        encoder.Embed(Arg.Any<Tensor>(), Arg.Any<Tensor>()).Returns(call =>
        {
            var (waveforms, lengths) = (call.ArgAt<Tensor>(0), call.ArgAt<Tensor>(1));
            (seenShape, seenLengths, gradients) = (waveforms.shape, lengths.data<long>().ToArray(), is_grad_enabled());
            return stack([waveforms.sum(1), lengths.to(ScalarType.Float32)], 1);   // [B, 2]: row sum, length
        });

        var embeddings = SpeakerEmbedder.Embed(encoder, [[1f, 2f], [3f, 4f, 5f]]);

        encoder.Received(1).Embed(Arg.Any<Tensor>(), Arg.Any<Tensor>());
        Assert.Equal([2L, 3L], seenShape!);
        Assert.Equal([2L, 3L], seenLengths!);
        Assert.False(gradients);
        Assert.Equal([[3f, 2f], [12f, 3f]], embeddings);
    }

    [Fact]
    public void An_encoder_that_returns_the_wrong_batch_shape_is_named_in_the_error()
    {
        var encoder = Substitute.For<ISpeakerEncoder>();
        encoder.Embed(Arg.Any<Tensor>(), Arg.Any<Tensor>()).Returns(_ => zeros(1, 4));

        var e = Assert.Throws<InvalidOperationException>(() => SpeakerEmbedder.Embed(encoder, [[1f], [2f]]));

        Assert.Contains("[1, 4] for 2 clip(s)", e.Message);
    }
}
