using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>PyTorch's default Conv/ConvTranspose initialisation, for layers trained from scratch.</summary>
internal static class ConvInit
{
    /// <summary>
    /// kaiming_uniform_(a = √5) on the weight and U(−1/√fan_in, 1/√fan_in) on the bias, both of which reduce to that
    /// bound. fan_in = size(1) × kernel elements, also for ConvTranspose ([in, out/groups, k]), as PyTorch computes it.
    /// </summary>
    public static (Tensor Weight, Tensor Bias) Create(long[] weightShape, long biasLength)
    {
        long fanIn = weightShape.Skip(1).Aggregate(1L, (a, b) => a * b);
        double bound = 1.0 / Math.Sqrt(fanIn);
        return (empty(weightShape).uniform_(-bound, bound), empty(biasLength).uniform_(-bound, bound));
    }

    /// <summary>HiFi-GAN's get_padding: (k·d − d) / 2, the 'same' padding of an odd kernel with dilation d.</summary>
    public static long SamePadding(long kernelSize, long dilation = 1) => (kernelSize * dilation - dilation) / 2;
}
