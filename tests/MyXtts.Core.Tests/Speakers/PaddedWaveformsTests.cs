using MyXtts.Core.Speakers;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Speakers;

public sealed class PaddedWaveformsTests
{
    [Fact]
    public void Clips_are_zero_padded_on_the_right_to_the_longest_and_keep_their_lengths()
    {
        using var scope = NewDisposeScope();

        var (waveforms, lengths) = PaddedWaveforms.Build([[1f, 2f, 3f], [4f], [5f, 6f]]);

        Assert.Equal([3L, 3L], waveforms.shape);
        Assert.Equal(ScalarType.Float32, waveforms.dtype);
        Assert.Equal([1f, 2f, 3f, 4f, 0f, 0f, 5f, 6f, 0f], waveforms.data<float>().ToArray());
        Assert.Equal(ScalarType.Int64, lengths.dtype);
        Assert.Equal([3L, 1L, 2L], lengths.data<long>().ToArray());
    }

    [Fact]
    public void An_empty_batch_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PaddedWaveforms.Build([]));
    }
}
