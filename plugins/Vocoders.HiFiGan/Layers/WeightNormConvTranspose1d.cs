using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>
/// weight_norm(ConvTranspose1d(in, out, k, stride, padding)). The weight is [in, out, k], so weight_norm's dim 0 (and
/// weight_g's length) is the INPUT channel count.
/// </summary>
public sealed class WeightNormConvTranspose1d(string name, long inChannels, long outChannels, long kernelSize, long stride, long padding)
    : WeightNormConv(name, [inChannels, outChannels, kernelSize], outChannels)
{
    /// <inheritdoc />
    protected override Tensor Convolve(Tensor input, Tensor weight, Tensor bias) =>
        nn.functional.conv_transpose1d(input, weight, bias, stride: stride, padding: padding);
}
