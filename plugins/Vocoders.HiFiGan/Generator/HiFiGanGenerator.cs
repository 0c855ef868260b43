using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Generator;

/// <summary>
/// jik876/hifi-gan <c>models.Generator</c>: log-mel [B, n_mels, T] → waveform [B, 1, T · hop] in (−1, 1).
/// conv_pre (k7) → per stage: leaky_relu(0.1) → ConvTranspose1d (padding (k − u)/2) → mean of the stage's residual
/// blocks → leaky_relu with the DEFAULT slope 0.01 → conv_post (k7) → tanh. Every conv is weight-normalised with
/// PyTorch's key names, so published <c>g_XXXXXXXX</c> state dicts load as they are.
/// </summary>
public sealed class HiFiGanGenerator : nn.Module<Tensor, Tensor>
{
    /// <summary>models.py LRELU_SLOPE.</summary>
    public const double LReluSlope = 0.1;

    /// <summary>F.leaky_relu's default slope, used once before conv_post (as the reference does).</summary>
    private const double FinalLReluSlope = 0.01;

    private readonly WeightNormConv1d conv_pre;
    private readonly ModuleList<WeightNormConvTranspose1d> ups;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> resblocks;
    private readonly WeightNormConv1d conv_post;
    private readonly int _kernelsPerStage;

    /// <summary>Builds the generator for <paramref name="config"/> (validated) with PyTorch's default initialisation.</summary>
    public HiFiGanGenerator(HiFiGanConfig config, string name = "generator") : base(name)
    {
        config.Validate("HiFi-GAN generator config");
        Config = config;
        _kernelsPerStage = config.ResBlockKernelSizes.Count;
        long ch = config.UpsampleInitialChannel;
        conv_pre = new WeightNormConv1d("conv_pre", config.NumMels, ch, 7, padding: 3);
        ups = new ModuleList<WeightNormConvTranspose1d>(config.UpsampleRates.Select((u, i) =>
        {
            int k = config.UpsampleKernelSizes[i];
            return new WeightNormConvTranspose1d($"ups.{i}", ch >> i, ch >> (i + 1), k, u, (k - u) / 2);
        }).ToArray());
        resblocks = new ModuleList<nn.Module<Tensor, Tensor>>(Enumerable.Range(0, config.UpsampleRates.Count)
            .SelectMany(i => config.ResBlockKernelSizes.Select((k, j) => CreateResBlock(config, ch >> (i + 1), k, config.ResBlockDilationSizes[j])))
            .ToArray());
        conv_post = new WeightNormConv1d("conv_post", ch >> config.UpsampleRates.Count, 1, 7, padding: 3);
        RegisterComponents();
    }

    /// <summary>The configuration this generator was built from.</summary>
    public HiFiGanConfig Config { get; }

    /// <summary>Output samples per input frame.</summary>
    public int HopLength => Config.HopLength;

    /// <summary>False once <see cref="RemoveWeightNorm"/> has run.</summary>
    public bool HasWeightNorm => modules().OfType<WeightNormConv>().Any(m => m.HasWeightNorm);

    /// <summary>True when the weights live on <paramref name="device"/>.</summary>
    public bool IsOn(Device device)
    {
        var weights = conv_pre.parameters().First().device;
        return weights.type == device.type && weights.index == device.index;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor mel) => Forward(mel, null);

    /// <summary>
    /// The forward pass, reporting intermediates to <paramref name="tap"/> as ("conv_pre", …), ("ups.{i}", …) and
    /// ("conv_post", pre-tanh). The tapped tensors are valid only during the callback.
    /// </summary>
    public Tensor Forward(Tensor mel, Action<string, Tensor>? tap)
    {
        using var scope = NewDisposeScope();
        var x = conv_pre.call(mel);                                   // [B, C, T]
        tap?.Invoke("conv_pre", x);
        for (int i = 0; i < ups.Count; i++)
        {
            x = ups[i].call(nn.functional.leaky_relu(x, LReluSlope)); // [B, C / 2^(i+1), T · Π u]
            tap?.Invoke($"ups.{i}", x);
            var xs = resblocks[i * _kernelsPerStage].call(x);
            for (int j = 1; j < _kernelsPerStage; j++)
                xs = xs + resblocks[i * _kernelsPerStage + j].call(x);
            x = xs / _kernelsPerStage;
        }
        x = conv_post.call(nn.functional.leaky_relu(x, FinalLReluSlope)); // [B, 1, T · hop]
        tap?.Invoke("conv_post", x);
        return tanh(x).MoveToOuterDisposeScope();
    }

    /// <summary>Folds every weight norm into plain weights (inference.py's remove_weight_norm); output is unchanged.</summary>
    public void RemoveWeightNorm()
    {
        foreach (var layer in modules().OfType<WeightNormConv>().ToList())
            layer.RemoveWeightNorm();
    }

    private static nn.Module<Tensor, Tensor> CreateResBlock(HiFiGanConfig config, long channels, int kernelSize, IReadOnlyList<int> dilations) =>
        config.ResBlock == ResBlockKind.One
            ? new ResBlock1("resblock", channels, kernelSize, dilations)
            : new ResBlock2("resblock", channels, kernelSize, dilations);
}
