using Microsoft.Extensions.Configuration;
using MyXtts.Host.Plugins;

namespace MyXtts.Host.Composition;

/// <summary>
/// Binds a plugin's options type from the configuration section <c>plugins:&lt;name&gt;</c>. Unknown keys are errors
/// that name the key and the valid ones (a typo must not silently fall back to a default).
/// </summary>
public static class PluginOptionsBinder
{
    /// <summary>The section a plugin's options live in.</summary>
    public static string SectionPath(string pluginName) => $"plugins:{pluginName}";

    /// <summary>The bound options (defaults where unset), or null for a plugin without options. Throws <see cref="PluginException"/>.</summary>
    public static object? Bind(PluginDescriptor plugin, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionPath(plugin.Name));
        var keys = section.GetChildren().Select(c => c.Key).ToArray();
        if (plugin.OptionsType is not { } type)
        {
            if (keys.Length == 0 && section.Value is null) return null;
            throw new PluginException($"Configuration section '{section.Path}' sets {Quote(keys.DefaultIfEmpty(section.Path))}, " +
                                      $"but plugin {plugin.Describe()} takes no options. Remove the section.");
        }

        var unknown = OptionsKeys.Unknown(section, type);
        if (unknown.Count > 0)
            throw new PluginException($"Unknown configuration key for plugin '{plugin.Name}': {string.Join("; ", unknown)}. " +
                                      "Fix or remove it in the configuration (file, MYXTTS_* environment or command line).");
        try
        {
            return section.Get(type) ?? Activator.CreateInstance(type)!;
        }
        catch (InvalidOperationException e)
        {
            throw new PluginException($"Cannot bind '{section.Path}' to {type.Name} for plugin '{plugin.Name}': {e.Message}", e);
        }
    }

    private static string Quote(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"'{k}'"));
}
