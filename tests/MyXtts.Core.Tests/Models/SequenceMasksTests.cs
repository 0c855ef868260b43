using MyXtts.Core.Models.Layers;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

public sealed class SequenceMasksTests
{
    [Fact]
    public void Valid_mask_is_true_on_real_positions_and_key_padding_mask_is_true_on_padding()
    {
        var lengths = tensor(new long[] { 3, 1 });
        var valid = SequenceMasks.Valid(lengths, 4).data<bool>().ToArray();
        var padding = SequenceMasks.KeyPadding(lengths, 4).data<bool>().ToArray();
        Assert.Equal(new[] { true, true, true, false, true, false, false, false }, valid);
        Assert.Equal(valid.Select(v => !v), padding);
    }

    [Fact]
    public void Channel_mask_has_a_singleton_channel_axis_in_the_requested_dtype()
    {
        var mask = SequenceMasks.ChannelMask(tensor(new long[] { 2 }), 3, ScalarType.Float32);
        Assert.Equal(new long[] { 1, 1, 3 }, mask.shape);
        Assert.Equal(new[] { 1f, 1f, 0f }, mask.data<float>().ToArray());
    }
}
