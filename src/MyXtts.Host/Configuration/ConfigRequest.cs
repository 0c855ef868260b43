using System.Collections;

namespace MyXtts.Host.Configuration;

/// <summary>Everything <see cref="ConfigurationLoader.Load"/> reads, gathered by the CLI (or a test) beforehand.</summary>
public sealed record ConfigRequest
{
    /// <summary><c>--config</c>: a JSON file layered over the preset.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--model-size</c>: a preset from <see cref="PresetDirectory"/> layered under the file.</summary>
    public string? ModelSize { get; init; }

    /// <summary>Environment variables; tests pass a dictionary instead of changing the process environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Values from command-line flags (table flags and <c>--set</c>), highest precedence.</summary>
    public IReadOnlyList<ConfigEntry> Flags { get; init; } = [];

    /// <summary>Folder of <c>tiny.json</c>, <c>small.json</c>... (the <c>configs</c> folder next to the executable).</summary>
    public string PresetDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "configs");

    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
