using MyXtts.Plugins.SpeakerEncoders.Coqui.Embedding;

namespace MyXtts.SpeakerEncoders.Coqui.Tests.Embedding;

/// <summary>compute_embedding's window placement: int(numpy.linspace(0, N − window, 10)).</summary>
public class WindowedEmbeddingTests
{
    [Theory]
    [InlineData(67200, new long[] { 0, 3022, 6044, 9066, 12088, 15111, 18133, 21155, 24177, 27200 })]
    [InlineData(56000, new long[] { 0, 1777, 3555, 5333, 7111, 8888, 10666, 12444, 14222, 16000 })]
    [InlineData(40009, new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    public void Window_offsets_are_numpy_linspace_truncated_to_int(long samples, long[] expected)
    {
        var offsets = WindowedEmbedding.Offsets(samples, WindowedEmbedding.WindowLength(samples, 160, inSamples: true));

        Assert.Equal(expected, offsets.SelectMany(o => Enumerable.Repeat(o.Offset, o.Count)));
    }

    [Fact]
    public void A_clip_shorter_than_250_hops_is_one_full_window_counted_ten_times()
    {
        var offsets = WindowedEmbedding.Offsets(24000, WindowedEmbedding.WindowLength(24000, 160, inSamples: true));

        Assert.Equal([(0L, 10)], offsets);
    }
}
