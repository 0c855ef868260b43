using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>weight_norm(Conv1d(in, out, k, stride, padding, dilation, groups)); weight [out, in/groups, k].</summary>
public sealed class WeightNormConv1d(
    string name, long inChannels, long outChannels, long kernelSize,
    long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
    : WeightNormConv(name, [outChannels, inChannels / groups, kernelSize], outChannels)
{
    /// <inheritdoc />
    protected override Tensor Convolve(Tensor input, Tensor weight, Tensor bias) =>
        nn.functional.conv1d(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups);
}
