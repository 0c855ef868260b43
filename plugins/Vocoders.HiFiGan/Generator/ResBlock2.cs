using MyXtts.Plugins.Vocoders.HiFiGan.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Generator;

/// <summary>models.py ResBlock2 (V3): for each of two dilations d, x += conv_d(lrelu(x)). Keys: <c>convs.{0,1}</c>.</summary>
public sealed class ResBlock2 : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<WeightNormConv1d> convs;

    /// <summary>Creates the block for <paramref name="channels"/> channels; uses the first two dilations.</summary>
    public ResBlock2(string name, long channels, long kernelSize, IReadOnlyList<int> dilations) : base(name)
    {
        convs = new ModuleList<WeightNormConv1d>(dilations.Take(2).Select((d, i) =>
            new WeightNormConv1d($"convs.{i}", channels, channels, kernelSize, padding: ConvInit.SamePadding(kernelSize, d), dilation: d)).ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        foreach (var conv in convs)
            x = conv.call(nn.functional.leaky_relu(x, HiFiGanGenerator.LReluSlope)) + x;
        return x.MoveToOuterDisposeScope();
    }
}
