using System.CommandLine;
using MyXtts.Host.Configuration;

namespace MyXtts.Host.Cli;

/// <summary>Options accepted by every subcommand (System.CommandLine "recursive" options on the root).</summary>
public sealed class GlobalOptions
{
    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "JSON configuration file (e.g. configs/tiny.json). Precedence: flags > MYXTTS_* environment > this file > --model-size preset > defaults.",
        Recursive = true,
    };

    public Option<string[]> Plugin { get; } = new("--plugin")
    {
        Description = "Select a plugin by name (repeatable); its kind is inferred. 'myxtts plugins list' shows the names.",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<DirectoryInfo[]> PluginsDir { get; } = new("--plugins-dir")
    {
        Description = "Extra folder of plugins, laid out as <dir>/<Name>/<Name>.dll (repeatable). Also MYXTTS_PLUGINS_PATH (':'-separated).",
        Recursive = true,
    };

    /// <summary>--device, --threads, --mixed-precision, ..., --model-size and --set (see ConfigurationFlags.Table).</summary>
    public ConfigurationFlags ConfigurationFlags { get; } = new();

    public void AddTo(Command root)
    {
        root.Options.Add(Config);
        root.Options.Add(Plugin);
        root.Options.Add(PluginsDir);
        ConfigurationFlags.AddTo(root);
    }
}
