using System.CommandLine;
using MyXtts.Host.Cli;
using MyXtts.Host.Composition;
using MyXtts.Host.Configuration;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Listing;

namespace MyXtts.Host.Commands;

/// <summary><c>myxtts plugins list</c>: every plugin, where it comes from, and why any did not load.</summary>
public static class PluginsCommand
{
    /// <param name="globals">The global options (<c>--plugins-dir</c>).</param>
    /// <param name="configuration">The configuration of this invocation; plugin options are probed against it.</param>
    public static Command Create(GlobalOptions globals, Func<ParseResult, EffectiveConfiguration> configuration)
    {
        var list = new Command("list", "List plugins (built-in and from plugin folders) and any problems loading them. " +
                                       "Each plugin is constructed once in a throwaway run to catch bad options and constructors.");
        list.SetAction(parse => List(parse, globals, configuration(parse)));
        return new Command("plugins", "Inspect plugins.") { list };
    }

    /// <summary>Exit 0 whenever the listing itself worked, even if some plugins have problems (they are listed).</summary>
    private static int List(ParseResult parse, GlobalOptions globals, EffectiveConfiguration configuration)
    {
        var catalog = PluginCatalog.Discover(PluginCommandLine.SearchPath(parse, globals));
        var problems = catalog.Problems.Concat(PluginProbe.Run(catalog, configuration.Root, b => EngineServices.Register(b, configuration.Settings))).ToArray();
        PluginListing.Render(Terminal.For(parse.InvocationConfiguration.Output), catalog, problems);
        return 0;
    }
}
