using MyXtts.Core.Models.NonAutoregressive;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

public sealed class FrameStackingTests
{
    [Fact]
    public void Stacking_two_frames_per_step_puts_frame_2t_plus_k_in_channel_block_k_and_unstacking_restores_it()
    {
        var x = arange(2 * 3 * 4, dtype: ScalarType.Float32).view(2, 3, 4);
        var lengths = tensor(new long[] { 4, 4 });
        var stacked = FrameStacking.Stack(x, lengths, 2);
        Assert.Equal(new long[] { 2, 6, 2 }, stacked.shape);
        Assert.Equal(x[0, 1, 2].item<float>(), stacked[0, 1, 1].item<float>());       // frame 2 = step 1, block 0
        Assert.Equal(x[0, 1, 3].item<float>(), stacked[0, 3 + 1, 1].item<float>());   // frame 3 = step 1, block 1
        Assert.Equal(0.0, ModelTestSupport.MaxDiff(FrameStacking.Unstack(stacked, 2), x));
    }

    [Fact]
    public void A_partial_last_step_repeats_the_rows_last_valid_frame_instead_of_padding()
    {
        var x = tensor(new float[] { 1, 2, 3, -99, -99 }, [1, 1, 5]);
        var stacked = FrameStacking.Stack(x, tensor(new long[] { 3 }), 2);
        Assert.Equal(new[] { 1f, 3f, 3f, 2f, 3f, 3f }, stacked.flatten().data<float>().ToArray());
        Assert.Equal(new[] { 2L, 3 }, FrameStacking.ReducedLengths(tensor(new long[] { 3, 5 }), 2).data<long>().ToArray());
    }
}
