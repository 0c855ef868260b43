using System.Text.Json;
using System.Text.Json.Nodes;
using MyXtts.Abstractions.Audio;
using MyXtts.Checkpoints.Safetensors;
using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Training;

/// <summary>
/// Writes a trained generator so that the hifigan vocoder (and Python) can load it: the state dict as safetensors
/// (weight_g / weight_v kept, like published <c>g_</c> files) and, in the same folder, a hifi-gan <c>config.json</c>
/// with the generator and mel keys — pass it as <c>plugins:hifigan:Config</c> (or <c>--vocoder-config</c>) when the
/// generator is not V1/V2/V3.
/// </summary>
public static class GeneratorExport
{
    /// <summary>Name of the companion configuration file.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Writes <paramref name="path"/> and <c>config.json</c> beside it.</summary>
    public static void Write(string path, HiFiGanGenerator generator, MelSettings mel)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var config = ConfigJson(generator.Config, mel);
        SafetensorsFile.Write(path, generator.state_dict(), new Dictionary<string, string> { ["format"] = "pt", ["hifigan_config"] = config });
        var configPath = Path.Combine(folder, ConfigFileName);
        var temporary = configPath + ".partial";
        File.WriteAllText(temporary, config);
        File.Move(temporary, configPath, overwrite: true);
    }

    /// <summary>The hifi-gan config.json that <see cref="HiFiGanConfigFile.Read"/> reads back to the same configuration and mel.</summary>
    public static string ConfigJson(HiFiGanConfig config, MelSettings mel)
    {
        var json = new JsonObject
        {
            ["resblock"] = ((int)config.ResBlock).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["upsample_rates"] = Array(config.UpsampleRates),
            ["upsample_kernel_sizes"] = Array(config.UpsampleKernelSizes),
            ["upsample_initial_channel"] = config.UpsampleInitialChannel,
            ["resblock_kernel_sizes"] = Array(config.ResBlockKernelSizes),
            ["resblock_dilation_sizes"] = new JsonArray(config.ResBlockDilationSizes.Select(d => (JsonNode?)Array(d)).ToArray()),
            ["num_mels"] = config.NumMels,
            ["n_fft"] = mel.NFft,
            ["hop_size"] = mel.HopLength,
            ["win_size"] = mel.WinLength,
            ["sampling_rate"] = mel.SampleRate,
            ["fmin"] = mel.FMin,
            ["fmax"] = mel.FMax,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonArray Array(IEnumerable<int> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
