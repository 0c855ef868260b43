using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using MyXtts.Plugins.Vocoders.HiFiGan.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;

/// <summary>
/// models.py DiscriminatorS: seven Conv1d (k15; k41 strided and grouped ×5; k5), each + leaky_relu(0.1), then
/// conv_post (k3). Weight-normalised, or spectral-normalised for the first scale of the multi-scale discriminator.
/// Keys: <c>convs.{0..6}</c>, <c>conv_post</c>.
/// </summary>
public sealed class DiscriminatorS : nn.Module<Tensor, DiscriminatorResult>
{
    private static readonly long[] PublishedChannels = [1, 128, 128, 256, 512, 1024, 1024, 1024];
    private static readonly (long Kernel, long Stride, long Groups, long Padding)[] Layers =
        [(15, 1, 1, 7), (41, 2, 4, 20), (41, 2, 16, 20), (41, 4, 16, 20), (41, 4, 16, 20), (41, 1, 16, 20), (5, 1, 1, 2)];

    private readonly ModuleList<nn.Module<Tensor, Tensor>> convs;
    private readonly nn.Module<Tensor, Tensor> conv_post;

    /// <summary>Creates the discriminator at the published width ÷ <paramref name="channelDivisor"/>.</summary>
    public DiscriminatorS(string name, bool useSpectralNorm = false, int channelDivisor = 1) : base(name)
    {
        DiscriminatorWidth.Validate(channelDivisor);
        var ch = PublishedChannels.Select(c => DiscriminatorWidth.Scale(c, channelDivisor)).ToArray();
        convs = new ModuleList<nn.Module<Tensor, Tensor>>(Layers.Select((l, i) =>
            Conv(useSpectralNorm, $"convs.{i}", ch[i], ch[i + 1], l.Kernel, l.Stride, l.Padding, l.Groups)).ToArray());
        conv_post = Conv(useSpectralNorm, "conv_post", ch[7], 1, 3, 1, 1, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override DiscriminatorResult forward(Tensor audio)
    {
        var fmap = new List<Tensor>();
        using var scope = NewDisposeScope();
        var x = audio;                                                  // [B, 1, T]
        foreach (var conv in convs)
        {
            x = nn.functional.leaky_relu(conv.call(x), HiFiGanGenerator.LReluSlope);
            fmap.Add(x);
        }
        x = conv_post.call(x);                                          // [B, 1, T']
        fmap.Add(x);
        var score = x.flatten(1, -1);                                   // [B, T']
        scope.MoveToOuter(fmap);
        return new DiscriminatorResult(score.MoveToOuterDisposeScope(), fmap);
    }

    private static nn.Module<Tensor, Tensor> Conv(bool spectral, string name, long input, long output, long kernel, long stride, long padding, long groups) =>
        spectral
            ? new SpectralNormConv1d(name, input, output, kernel, stride, padding, groups)
            : new WeightNormConv1d(name, input, output, kernel, stride, padding, groups: groups);
}
