using System.CommandLine;
using MyXtts.Host.Cli;
using MyXtts.Host.Plugins.Discovery;
using MyXtts.Host.Plugins.Selection;

namespace MyXtts.Host.Plugins;

/// <summary>Reads the global plugin options (<c>--plugins-dir</c>, <c>--plugin</c>) of any subcommand.</summary>
public static class PluginCommandLine
{
    /// <summary>The host's plugins, every <c>--plugins-dir</c>, then <c>MYXTTS_PLUGINS_PATH</c>.</summary>
    public static PluginSearchPath SearchPath(ParseResult parse, GlobalOptions globals) =>
        PluginSearchPath.ForHost((parse.GetValue(globals.PluginsDir) ?? []).Select(d => d.FullName));

    /// <summary>
    /// The <c>--plugin</c> values, then <paramref name="configured"/> ones (same syntax), resolved against
    /// <paramref name="catalog"/>; throws <see cref="PluginException"/>.
    /// </summary>
    public static PluginSelection Selection(ParseResult parse, GlobalOptions globals, PluginCatalog catalog, IEnumerable<string>? configured = null) =>
        PluginSelection.Parse((parse.GetValue(globals.Plugin) ?? []).Concat(configured ?? []), catalog);
}
