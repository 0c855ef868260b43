using MyXtts.Plugins.Vocoders.HiFiGan.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Generator;

/// <summary>
/// models.py ResBlock1 (V1, V2): for each dilation d, x += conv2(lrelu(conv1_d(lrelu(x)))) with 'same' padding, so
/// the length is kept. Keys: <c>convs1.{0,1,2}</c> (dilations d0..d2), <c>convs2.{0,1,2}</c> (dilation 1).
/// </summary>
public sealed class ResBlock1 : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<WeightNormConv1d> convs1;
    private readonly ModuleList<WeightNormConv1d> convs2;

    /// <summary>Creates the block for <paramref name="channels"/> channels; uses the first three dilations.</summary>
    public ResBlock1(string name, long channels, long kernelSize, IReadOnlyList<int> dilations) : base(name)
    {
        convs1 = new ModuleList<WeightNormConv1d>(dilations.Take(3).Select((d, i) =>
            new WeightNormConv1d($"convs1.{i}", channels, channels, kernelSize, padding: ConvInit.SamePadding(kernelSize, d), dilation: d)).ToArray());
        convs2 = new ModuleList<WeightNormConv1d>(Enumerable.Range(0, 3).Select(i =>
            new WeightNormConv1d($"convs2.{i}", channels, channels, kernelSize, padding: ConvInit.SamePadding(kernelSize))).ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        for (int i = 0; i < convs1.Count; i++)
        {
            var xt = nn.functional.leaky_relu(x, HiFiGanGenerator.LReluSlope);
            xt = convs1[i].call(xt);
            xt = nn.functional.leaky_relu(xt, HiFiGanGenerator.LReluSlope);
            xt = convs2[i].call(xt);
            x = xt + x;
        }
        return x.MoveToOuterDisposeScope();
    }
}
