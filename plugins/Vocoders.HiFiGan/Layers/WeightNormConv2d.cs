using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>weight_norm(Conv2d(in, out, (kh, kw), stride, padding)) as the period discriminator uses it; weight [out, in, kh, kw].</summary>
public sealed class WeightNormConv2d(
    string name, long inChannels, long outChannels, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding)
    : WeightNormConv(name, [outChannels, inChannels, kernel.H, kernel.W], outChannels)
{
    /// <inheritdoc />
    protected override Tensor Convolve(Tensor input, Tensor weight, Tensor bias) =>
        nn.functional.conv2d(input, weight, bias, strides: [stride.H, stride.W], padding: [padding.H, padding.W]);
}
