using MyXtts.Plugins.SpeakerEncoders.Coqui.Config;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Loading;

/// <summary>
/// Builds the network a checkpoint describes: the variant from the options, the config or the keys; every size from the
/// tensor shapes (published files and reduced fixtures differ); front-end settings the state dict cannot hold (hop
/// length, log input) from the config.
/// </summary>
internal static class CoquiNetworkFactory
{
    public static CoquiSpeakerNetwork Build(IReadOnlyDictionary<string, Tensor> stateDict, ConfigTree? config, CoquiVariant forced, string source)
    {
        var shapes = new StateDictShapes(stateDict, source);
        var variant = Resolve(shapes, config, forced, source);
        var modelParams = config?.Section("model_params");
        var audio = config is null ? CoquiAudioConfig.YourTtsDefaults : CoquiAudioConfig.From(config.Section("audio"));
        var torchSpec = shapes.Has("torch_spec.1.mel_scale.fb") ? TorchSpec(shapes, audio) : null;
        return variant == CoquiVariant.Resnet
            ? new ResNetSpeakerEncoder(ResNet(shapes), LogInput(modelParams, torchSpec is not null), torchSpec)
            : new LstmSpeakerEncoder(Lstm(shapes), torchSpec);
    }

    /// <summary>The variant: forced by the options, else the config's model_name, else the keys; a contradiction is an error.</summary>
    public static CoquiVariant Resolve(StateDictShapes shapes, ConfigTree? config, CoquiVariant forced, string source)
    {
        var byKeys = shapes.LooksLikeResNet ? CoquiVariant.Resnet : shapes.LooksLikeLstm ? CoquiVariant.Lstm : CoquiVariant.Auto;
        var byConfig = config?.Section("model_params").String("model_name")?.ToLowerInvariant() switch
        {
            "resnet" => CoquiVariant.Resnet,
            "lstm" => CoquiVariant.Lstm,
            null => CoquiVariant.Auto,
            var other => throw new InvalidDataException(
                $"{config!.Source}: model_params.model_name '{other}' is not a Coqui speaker encoder this plugin knows; valid: resnet, lstm."),
        };
        var chosen = forced != CoquiVariant.Auto ? forced : byConfig != CoquiVariant.Auto ? byConfig : byKeys;
        if (chosen == CoquiVariant.Auto)
            throw new InvalidDataException(
                $"'{Path.GetFileName(source)}' is neither a Coqui ResNet (conv1.weight, layer1.0.…) nor LSTM (layers.0.lstm.…) speaker encoder " +
                "and has no config saying which. Pass the model_se.pth of a Coqui speaker encoder.");
        if (byKeys != CoquiVariant.Auto && byKeys != chosen)
            throw new InvalidDataException(
                $"'{Path.GetFileName(source)}' holds a Coqui {byKeys} encoder's weights, but the {(forced != CoquiVariant.Auto ? "option plugins:coqui:Variant" : "config")} " +
                $"says {chosen}. Set plugins:coqui:Variant to Auto or {byKeys}.");
        return chosen;
    }

    // The class default is False, but every torch-spec ResNet (YourTTS) sets log_input; a bare file gets that.
    private static bool LogInput(ConfigTree? modelParams, bool torchSpec) =>
        modelParams is not null && modelParams.Has("log_input") ? modelParams.Bool("log_input", torchSpec) : torchSpec;

    private static ResNetShape ResNet(StateDictShapes s)
    {
        int[] filters = [.. Enumerable.Range(1, 4).Select(i => s.Dim($"layer{i}.0.conv1.weight", 0))];
        int[] blocks = [.. Enumerable.Range(1, 4).Select(i => s.Count($"layer{i}.", ".conv1.weight"))];
        int[] seReduced = [.. Enumerable.Range(1, 4).Select(i => s.Dim($"layer{i}.0.se.fc.0.weight", 0))];
        int pooled = s.Dim("attention.0.weight", 1);
        int inputDim = pooled / filters[3] * 8;
        bool asp = s.Dim("fc.weight", 1) == 2 * pooled;
        return new ResNetShape(inputDim, filters, blocks, seReduced, s.Dim("attention.0.weight", 0), s.Dim("fc.weight", 0), asp);
    }

    private static LstmShape Lstm(StateDictShapes s) => s.Has("layers.0.lstm.weight_ih_l0")
        ? new LstmShape(s.Dim("layers.0.lstm.weight_ih_l0", 1), s.Dim("layers.0.lstm.weight_hh_l0", 1), s.Dim("layers.0.linear.weight", 0),
            s.Count("layers.", ".lstm.weight_ih_l0"), WithProjection: true)
        : new LstmShape(s.Dim("layers.lstm.weight_ih_l0", 1), s.Dim("layers.lstm.weight_hh_l0", 1), s.Dim("layers.linear.weight", 0),
            s.Count("layers.lstm.weight_ih_l", ""), WithProjection: false);

    // PreEmphasis + MelSpectrogram sized from their buffers; the hop is not in the state dict, so it comes from the config.
    private static Sequential TorchSpec(StateDictShapes s, CoquiAudioConfig audio) => nn.Sequential(
        ("0", new PreEmphasis(audio.Preemphasis)),
        ("1", new TorchMelSpectrogram(s.Dim("torch_spec.1.spectrogram.window", 0), (s.Dim("torch_spec.1.mel_scale.fb", 0) - 1) * 2,
            s.Dim("torch_spec.1.mel_scale.fb", 1), audio.HopLength)));
}
