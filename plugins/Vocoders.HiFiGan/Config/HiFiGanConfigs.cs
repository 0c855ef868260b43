namespace MyXtts.Plugins.Vocoders.HiFiGan.Config;

/// <summary>Resolves a configuration name as users write it: V1, V2, V3 (any case) or the path of a config.json.</summary>
public static class HiFiGanConfigs
{
    /// <summary>The built-in names.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["V1", "V2", "V3"];

    /// <summary>The configuration <paramref name="nameOrPath"/> names, with the mel definition a config file declares.</summary>
    public static HiFiGanConfigFile.Contents Resolve(string nameOrPath)
    {
        switch (nameOrPath.Trim().ToUpperInvariant())
        {
            case "V1": return new(HiFiGanConfig.V1, null);
            case "V2": return new(HiFiGanConfig.V2, null);
            case "V3": return new(HiFiGanConfig.V3, null);
        }
        if (File.Exists(nameOrPath)) return HiFiGanConfigFile.Read(nameOrPath);
        throw new ArgumentException(
            $"HiFi-GAN config '{nameOrPath}' is neither a built-in name ({string.Join(", ", BuiltInNames)}) nor an existing config.json file. " +
            "Use V1 (best quality), V2 (small) or V3 (fastest), or the path of the config.json published with the generator.");
    }
}
