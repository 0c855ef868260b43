using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Configuration;

/// <summary>
/// Loads the effective configuration. Precedence, lowest first: defaults &lt; preset (<c>--model-size</c>) &lt;
/// file (<c>--config</c>) &lt; environment (<c>MYXTTS_*</c>) &lt; command-line flags. Collects every problem and throws
/// one <see cref="ConfigurationException"/> listing them.
/// </summary>
public static class ConfigurationLoader
{
    public static EffectiveConfiguration Load(ConfigRequest request)
    {
        var problems = new List<string>();
        var layers = new List<ConfigLayer> { Defaults() };
        if (request.ModelSize is { Length: > 0 } size) layers.Add(Presets.Read(request.PresetDirectory, size));
        if (request.ConfigFile is { Length: > 0 } file) layers.Add(JsonFileLayer.Read(file, ConfigSourceKind.File, file));
        layers.Add(EnvironmentLayer.Read(request.Environment, problems));
        layers.Add(new ConfigLayer("flags", request.Flags));

        var merged = ConfigurationMerger.Merge(layers, problems);
        var settings = SettingsBinder.Bind(merged, problems);
        var provenance = new ConfigProvenance(merged);
        if (problems.Count == 0) CrossFieldRules.Check(settings, provenance.SourceOf, problems);
        if (problems.Count > 0) throw new ConfigurationException(problems);

        var root = new ConfigurationBuilder().AddInMemoryCollection(merged.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Value))).Build();
        return new EffectiveConfiguration(root, settings, provenance, layers.Where(l => l.Entries.Count > 0).Select(l => l.Description).ToList());
    }

    private static ConfigLayer Defaults() => new("defaults",
        SettingValues.Flatten(new MyXttsSettings()).Select(e => new ConfigEntry(e.Key, e.Value, ConfigSource.Default)).ToList());
}
