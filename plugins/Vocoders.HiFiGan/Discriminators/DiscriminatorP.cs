using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using MyXtts.Plugins.Vocoders.HiFiGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;

/// <summary>
/// models.py DiscriminatorP: audio [B, 1, T] reflect-padded on the right to a multiple of the period, viewed as
/// [B, 1, T / p, p], then five (5, 1) Conv2d (stride 3 for the first four, 1 for the last) each + leaky_relu(0.1),
/// and conv_post (3, 1). Keys: <c>convs.{0..4}</c>, <c>conv_post</c>, all weight-normalised.
/// </summary>
public sealed class DiscriminatorP : nn.Module<Tensor, DiscriminatorResult>
{
    private static readonly long[] PublishedChannels = [1, 32, 128, 512, 1024, 1024];

    private readonly ModuleList<WeightNormConv2d> convs;
    private readonly WeightNormConv2d conv_post;

    /// <summary>Creates the discriminator for <paramref name="period"/> at the published width ÷ <paramref name="channelDivisor"/>.</summary>
    public DiscriminatorP(string name, int period, int channelDivisor = 1) : base(name)
    {
        DiscriminatorWidth.Validate(channelDivisor);
        Period = period;
        var ch = PublishedChannels.Select(c => DiscriminatorWidth.Scale(c, channelDivisor)).ToArray();
        convs = new ModuleList<WeightNormConv2d>(Enumerable.Range(0, 5).Select(i =>
            new WeightNormConv2d($"convs.{i}", ch[i], ch[i + 1], (5, 1), (i < 4 ? 3 : 1, 1), (2, 0))).ToArray());
        conv_post = new WeightNormConv2d("conv_post", ch[5], 1, (3, 1), (1, 1), (1, 0));
        RegisterComponents();
    }

    /// <summary>The period p the audio is folded by.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override DiscriminatorResult forward(Tensor audio)
    {
        var fmap = new List<Tensor>();
        using (var scope = NewDisposeScope())
        {
            long b = audio.shape[0], c = audio.shape[1], t = audio.shape[2];
            var x = audio;
            if (t % Period != 0)
            {
                long pad = Period - t % Period;
                x = nn.functional.pad(x, [0, pad], PaddingModes.Reflect);
                t += pad;
            }
            x = x.view(b, c, t / Period, Period);                      // [B, 1, T / p, p]
            foreach (var conv in convs)
            {
                x = nn.functional.leaky_relu(conv.call(x), HiFiGanGenerator.LReluSlope);
                fmap.Add(x);
            }
            x = conv_post.call(x);                                      // [B, 1, rows, p]
            fmap.Add(x);
            var score = x.flatten(1, -1);                               // [B, rows · p]
            scope.MoveToOuter(fmap);
            return new DiscriminatorResult(score.MoveToOuterDisposeScope(), fmap);
        }
    }
}
