using MyXtts.Host.Cli;
namespace MyXtts.Host.Configuration;

/// <summary>
/// Layers raw entries (later layers win), rejects keys the schema does not know with the nearest valid name,
/// and remembers where each winning value came from. A layer that sets any element of a list replaces the whole list.
/// </summary>
public static class ConfigurationMerger
{
    public static IReadOnlyDictionary<string, EffectiveValue> Merge(IEnumerable<ConfigLayer> layers, List<string> problems)
    {
        var schema = SettingsSchema.Instance;
        var merged = new Dictionary<string, EffectiveValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            var listsReplaced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in layer.Entries)
            {
                var key = LegacyKeys.Normalize(entry.Key).ToLowerInvariant();
                if (SettingsSchema.IsPassThrough(key)) { merged[key] = new(entry.Value, entry.Source); continue; }
                if (entry.Value is null && SettingsSchema.IsSection(key)) continue;   // "model": null or {} in JSON
                if (!schema.TryResolve(key, out var setting, out var element))
                {
                    problems.Add(UnknownKey(key, entry.Source));
                    continue;
                }
                if (setting.Shape != SettingShape.List) { merged[key] = new(entry.Value, entry.Source); continue; }
                if (listsReplaced.Add(setting.Path))
                    foreach (var old in merged.Keys.Where(k => k.StartsWith(setting.Path + ":", StringComparison.OrdinalIgnoreCase)).ToList())
                        merged.Remove(old);
                if (element is not null) merged[key] = new(entry.Value, entry.Source);
                else AddCommaSeparated(merged, setting.Path, entry);
            }
        }
        return merged;
    }

    /// <summary>A list given as one value (env var, --set, JSON "") : "a,b" → key:0=a, key:1=b; empty → empty list.</summary>
    private static void AddCommaSeparated(Dictionary<string, EffectiveValue> merged, string path, ConfigEntry entry)
    {
        var items = (entry.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < items.Length; i++) merged[$"{path}:{i}"] = new(items[i], entry.Source);
    }

    public static string UnknownKey(string key, ConfigSource source)
    {
        var display = key.Replace(':', '.');
        var nearest = NearestSetting(display);
        var hint = nearest is null ? "" : source.Kind == ConfigSourceKind.Environment
            ? $" Did you mean {nearest.EnvironmentName} ({nearest.DisplayName})?"
            : $" Did you mean '{nearest.DisplayName}'?";
        return $"{source}: unknown configuration key '{display}'.{hint} 'myxtts config show' and docs/configuration.md list every key.";
    }

    /// <summary>Nearest by whole name, or by last segment when only the section is wrong (<c>model.learning_rate</c>).</summary>
    public static SettingDescriptor? NearestSetting(string display)
    {
        var leaf = display[(display.LastIndexOf('.') + 1)..];
        var settings = SettingsSchema.Instance.Settings;
        var name = NameSuggester.Nearest(display, settings.Select(s => s.DisplayName), (typed, candidate) =>
            Math.Min(NameSuggester.Distance(typed, candidate),
                     NameSuggester.Distance(leaf, candidate[(candidate.LastIndexOf('.') + 1)..]) + 1));
        return settings.FirstOrDefault(s => s.DisplayName == name);
    }
}
