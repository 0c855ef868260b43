using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Checkpoints;

/// <summary>
/// Reads what a generator state dict fixes about the architecture: channel counts from conv_pre's shape
/// (published files and reduced ones differ only there), and checks the stage count and residual block type against
/// the configuration so that a wrong config is named as such instead of as a list of missing keys.
/// </summary>
public static class GeneratorShapes
{
    /// <summary><paramref name="config"/> with the initial channels and mel channels the file's conv_pre has.</summary>
    public static HiFiGanConfig Fit(HiFiGanConfig config, IReadOnlyDictionary<string, Tensor> stateDict, string prefix, string source)
    {
        var convPre = Find(stateDict, prefix + "conv_pre.weight_v") ?? Find(stateDict, prefix + "conv_pre.weight")
            ?? throw new FormatException(
                $"'{source}' has no {prefix}conv_pre.weight_v or {prefix}conv_pre.weight, so it is not a HiFi-GAN generator" +
                (prefix.Length > 0 ? $" under the key prefix '{prefix}'" : "") +
                $" (first keys: {string.Join(", ", stateDict.Keys.Take(5))}). Give the generator file (g_XXXXXXXX) or set the key prefix.");
        int stages = CountStages(stateDict, prefix);
        if (stages != config.UpsampleRates.Count)
            throw new FormatException(
                $"'{source}' has {stages} upsampling stages but the configuration has {config.UpsampleRates.Count} " +
                $"(upsample_rates [{string.Join(", ", config.UpsampleRates)}]). Choose the config the generator was trained with (V1/V2: 4 stages, V3: 3) or its config.json.");
        var kind = stateDict.Keys.Any(k => k.StartsWith(prefix + "resblocks.0.convs1.", StringComparison.Ordinal)) ? ResBlockKind.One : ResBlockKind.Two;
        if (kind != config.ResBlock)
            throw new FormatException(
                $"'{source}' uses resblock \"{(int)kind}\" but the configuration says \"{(int)config.ResBlock}\". " +
                "Choose the config the generator was trained with (V1/V2: resblock 1, V3: resblock 2) or its config.json.");
        return config with { UpsampleInitialChannel = (int)convPre.shape[0], NumMels = (int)convPre.shape[1] };
    }

    /// <summary>True when the file stores plain <c>weight</c> keys (weight norm already removed) instead of weight_g/weight_v.</summary>
    public static bool IsWeightNormRemoved(IReadOnlyDictionary<string, Tensor> stateDict, string prefix) =>
        stateDict.ContainsKey(prefix + "conv_pre.weight") && !stateDict.ContainsKey(prefix + "conv_pre.weight_v");

    private static Tensor? Find(IReadOnlyDictionary<string, Tensor> stateDict, string key) =>
        stateDict.TryGetValue(key, out var t) && t.dim() == 3 ? t : null;

    private static int CountStages(IReadOnlyDictionary<string, Tensor> stateDict, string prefix) =>
        stateDict.Keys.Where(k => k.StartsWith(prefix + "ups.", StringComparison.Ordinal))
            .Select(k => k[(prefix.Length + 4)..].Split('.')[0]).Distinct().Count();
}
