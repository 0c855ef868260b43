using System.Text.Json;
using MyXtts.Abstractions.Audio;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Config;

/// <summary>
/// Reads jik876/hifi-gan's <c>config.json</c> (the file shipped next to each published generator): the generator
/// keys and, when present, the mel keys, so a vocoder trained on another mel definition is refused instead of hissing.
/// </summary>
public static class HiFiGanConfigFile
{
    /// <summary>The generator configuration and the mel definition the file declares (null when it has no mel keys).</summary>
    public sealed record Contents(HiFiGanConfig Generator, MelSettings? Mel);

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    public static Contents Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"HiFi-GAN config file '{path}' does not exist. Give V1, V2, V3 or the path of a hifi-gan config.json.", path);
        using var doc = ParseJson(path);
        var root = doc.RootElement;
        var generator = new HiFiGanConfig
        {
            ResBlock = ReadResBlock(root, path),
            UpsampleRates = IntList(root, "upsample_rates", path),
            UpsampleKernelSizes = IntList(root, "upsample_kernel_sizes", path),
            UpsampleInitialChannel = Int(root, "upsample_initial_channel", path),
            ResBlockKernelSizes = IntList(root, "resblock_kernel_sizes", path),
            ResBlockDilationSizes = Required(root, "resblock_dilation_sizes", path).EnumerateArray()
                .Select(block => (IReadOnlyList<int>)block.EnumerateArray().Select(d => d.GetInt32()).ToList()).ToList(),
            NumMels = root.TryGetProperty("num_mels", out var m) ? m.GetInt32() : 80,
        };
        generator.Validate(path);
        return new Contents(generator, ReadMel(root));
    }

    private static JsonDocument ParseJson(string path)
    {
        try { return JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e)
        {
            throw new FormatException($"HiFi-GAN config file '{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static ResBlockKind ReadResBlock(JsonElement root, string path)
    {
        var value = Required(root, "resblock", path);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        return text switch
        {
            "1" => ResBlockKind.One,
            "2" => ResBlockKind.Two,
            _ => throw new FormatException($"{path}: \"resblock\" is {value.GetRawText()}; valid values are \"1\" (V1, V2) and \"2\" (V3)."),
        };
    }

    private static MelSettings? ReadMel(JsonElement root)
    {
        if (!root.TryGetProperty("sampling_rate", out var sr) || !root.TryGetProperty("hop_size", out var hop)) return null;
        var mel = new MelSettings { SampleRate = sr.GetInt32(), HopLength = hop.GetInt32() };
        if (root.TryGetProperty("n_fft", out var nfft)) mel = mel with { NFft = nfft.GetInt32() };
        if (root.TryGetProperty("win_size", out var win)) mel = mel with { WinLength = win.GetInt32() };
        if (root.TryGetProperty("num_mels", out var mels)) mel = mel with { NMels = mels.GetInt32() };
        if (root.TryGetProperty("fmin", out var fmin)) mel = mel with { FMin = fmin.GetDouble() };
        if (root.TryGetProperty("fmax", out var fmax))
            mel = mel with { FMax = fmax.ValueKind == JsonValueKind.Null ? mel.SampleRate / 2.0 : fmax.GetDouble() };
        return mel;
    }

    private static JsonElement Required(JsonElement root, string key, string path) =>
        root.TryGetProperty(key, out var value)
            ? value
            : throw new FormatException($"{path}: the key \"{key}\" is missing; a hifi-gan config.json has resblock, upsample_rates, upsample_kernel_sizes, upsample_initial_channel, resblock_kernel_sizes and resblock_dilation_sizes.");

    private static int Int(JsonElement root, string key, string path) => Required(root, key, path).GetInt32();

    private static IReadOnlyList<int> IntList(JsonElement root, string key, string path) =>
        Required(root, key, path).EnumerateArray().Select(v => v.GetInt32()).ToList();
}
