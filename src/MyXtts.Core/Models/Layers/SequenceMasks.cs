using static TorchSharp.torch;

namespace MyXtts.Core.Models.Layers;

/// <summary>
/// Masks built once per forward pass from lengths. Two polarities exist in PyTorch and both are used here, so each has
/// its own name: <see cref="Valid"/> (true = a real position, what the model multiplies by) and <see cref="KeyPadding"/>
/// (true = padding, what <c>nn.MultiheadAttention</c>'s <c>key_padding_mask</c> expects).
/// </summary>
public static class SequenceMasks
{
    /// <summary>[B, T] boolean, true on the first lengths[b] positions of row b.</summary>
    public static Tensor Valid(Tensor lengths, long size) =>
        arange(size, device: lengths.device).unsqueeze(0) < lengths.unsqueeze(1);

    /// <summary>[B, T] boolean, true on padding (PyTorch's key_padding_mask convention).</summary>
    public static Tensor KeyPadding(Tensor lengths, long size) =>
        arange(size, device: lengths.device).unsqueeze(0) >= lengths.unsqueeze(1);

    /// <summary>[B, 1, T] in <paramref name="dtype"/>: 1 on valid positions, 0 on padding (for channel-first tensors).</summary>
    public static Tensor ChannelMask(Tensor lengths, long size, ScalarType dtype) =>
        Valid(lengths, size).unsqueeze(1).to(dtype);
}
