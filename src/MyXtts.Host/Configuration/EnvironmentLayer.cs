using MyXtts.Host.Cli;
namespace MyXtts.Host.Configuration;

/// <summary>
/// Reads <c>MYXTTS_&lt;SECTION&gt;__&lt;KEY&gt;</c> variables (double underscore between sections, e.g.
/// <c>MYXTTS_TRAINING__LEARNING_RATE</c>). Single-underscore names are not keys: the special variables below are
/// ignored here, two are shortcuts for data keys, and any other <c>MYXTTS_X</c> is an error with a suggestion.
/// </summary>
public static class EnvironmentLayer
{
    public const string Prefix = "MYXTTS_";

    /// <summary>Read by other parts of the tool (plugin search path, parity fixtures, the launcher), never config keys.</summary>
    public static IReadOnlyList<string> SpecialVariables { get; } =
        ["MYXTTS_PLUGINS_PATH", "MYXTTS_PARITY_DIR", "MYXTTS_SHARED_DATA", "MYXTTS_CONFIGURATION", "MYXTTS_NO_BUILD"];

    public const string MixedPrecisionVariable = "MYXTTS_ENABLE_MIXED_PRECISION";
    public const string XlaVariable = "MYXTTS_ENABLE_XLA";

    public static ConfigLayer Read(IReadOnlyDictionary<string, string?> environment, List<string> problems)
    {
        var entries = new List<ConfigEntry>();
        var shortcuts = new List<ConfigEntry>();   // applied after the regular variables: they win over MYXTTS_DATA__*
        foreach (var (name, value) in environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var upper = name.ToUpperInvariant();
            var source = new ConfigSource(ConfigSourceKind.Environment, name);
            if (SpecialVariables.Contains(upper)) continue;
            if (upper == MixedPrecisionVariable) AddShortcut(shortcuts, problems, "data:mixed_precision", MixedPrecisionShortcut(value), value, source, "off, fp16, bf16, or a boolean (true/1/yes/on = bf16, false/0/no/off = off)");
            else if (upper == XlaVariable) AddShortcut(shortcuts, problems, "data:enable_xla", BoolShortcut(value), value, source, "true/1/yes/on or false/0/no/off");
            else if (upper.Contains("__")) entries.Add(new(upper[Prefix.Length..].Replace("__", ":").ToLowerInvariant(), value, source));
            else problems.Add(NotAKey(name));
        }
        entries.AddRange(shortcuts);
        return new ConfigLayer("environment", entries);
    }

    /// <summary>off|fp16|bf16, or a boolean: true means bf16 because it runs on every device without a loss scaler.</summary>
    public static string? MixedPrecisionShortcut(string? value)
    {
        var v = value?.Trim().ToLowerInvariant();
        if (v is "off" or "fp16" or "bf16") return v;
        return SettingConverter.TryParseBool(v, out var on) ? (on ? "bf16" : "off") : null;
    }

    private static string? BoolShortcut(string? value) =>
        SettingConverter.TryParseBool(value, out var on) ? (on ? "true" : "false") : null;

    private static void AddShortcut(List<ConfigEntry> entries, List<string> problems, string key, string? mapped, string? raw, ConfigSource source, string accepted)
    {
        if (mapped is null) problems.Add($"{source}: '{raw}' is not accepted for {key.Replace(':', '.')}. Accepted: {accepted}.");
        else entries.Add(new(key, mapped, source));
    }

    private static string NotAKey(string name)
    {
        var rest = name[Prefix.Length..];
        var asKey = ConfigurationMerger.NearestSetting(rest.ToLowerInvariant().Replace('_', '.'));
        var special = NameSuggester.Nearest(name.ToUpperInvariant(), SpecialVariables.Concat([MixedPrecisionVariable, XlaVariable]))!;
        var nearest = asKey is not null && NameSuggester.Distance(name, asKey.EnvironmentName) < NameSuggester.Distance(name, special)
            ? asKey.EnvironmentName : special;
        return $"env {name}: not a configuration variable. Keys are set with MYXTTS_<SECTION>__<KEY> (two underscores, e.g. MYXTTS_TRAINING__LEARNING_RATE); " +
               $"the single-underscore names are {string.Join(", ", SpecialVariables.Concat([MixedPrecisionVariable, XlaVariable]))}. Did you mean {nearest}?";
    }
}
