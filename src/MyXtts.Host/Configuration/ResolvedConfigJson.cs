using System.Text.Json;
using System.Text.Json.Nodes;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Configuration;

/// <summary>
/// Writes the effective configuration as nested snake_case JSON with typed values. Feeding the file back through
/// <c>--config</c> gives the same settings, which is how a run is reproduced or resumed.
/// </summary>
public static class ResolvedConfigJson
{
    public const string FileName = "config.resolved.json";

    public static string Write(EffectiveConfiguration configuration)
    {
        var root = new JsonObject();
        foreach (var setting in SettingsSchema.Instance.Settings)
        {
            var node = ToNode(SettingValues.Read(configuration.Settings, setting));
            if (node is null) continue;
            var section = SettingsSchema.KeyName(setting.Section);
            var sectionNode = root[section] as JsonObject ?? (JsonObject)(root[section] = new JsonObject());
            sectionNode[SettingsSchema.KeyName(setting.Property)] = node;
        }
        foreach (var child in configuration.Root.GetChildren().Where(c => SettingsSchema.IsPassThrough(c.Key)))
            root[child.Key] = PassThrough(child);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> atomically (temp file + rename), so a reader never sees half a file.</summary>
    public static string WriteTo(string directory, EffectiveConfiguration configuration)
    {
        var path = Path.Combine(directory, FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Write(configuration));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        Enum e => JsonValue.Create(SettingValues.Format(e)),
        IReadOnlyDictionary<string, double> map => new JsonObject(map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        IEnumerable<string> list => new JsonArray(list.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
        _ => throw new NotSupportedException($"Cannot write a setting of type {value.GetType().Name} to JSON."),
    };

    private static JsonNode? PassThrough(Microsoft.Extensions.Configuration.IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0) return section.Value is null ? null : JsonValue.Create(section.Value);
        return new JsonObject(children.Select(c => KeyValuePair.Create(c.Key, PassThrough(c))));
    }
}
