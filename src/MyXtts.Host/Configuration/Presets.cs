using MyXtts.Host.Cli;
namespace MyXtts.Host.Configuration;

/// <summary>The model-size presets: <c>&lt;preset dir&gt;/&lt;name&gt;.json</c>, selected by <c>--model-size</c>.</summary>
public static class Presets
{
    public static IReadOnlyList<string> Names { get; } = ["tiny", "small", "normal", "big"];

    public static ConfigLayer Read(string presetDirectory, string name)
    {
        var known = Names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (known is null)
            throw new ConfigurationException($"--model-size '{name}' is not a preset; use one of {string.Join(", ", Names)} (did you mean '{NameSuggester.Nearest(name, Names)}'?).");
        var path = Path.Combine(presetDirectory, known + ".json");
        if (!File.Exists(path))
            throw new ConfigurationException($"Preset '{known}' is missing: {path} does not exist. Reinstall myxtts or pass the file with --config.");
        return JsonFileLayer.Read(path, ConfigSourceKind.Preset, known);
    }
}
