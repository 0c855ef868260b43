using Autofac;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Composition;
using MyXtts.Host.Plugins.Selection;

namespace MyXtts.Host.Plugins.Listing;

/// <summary>
/// Constructs each catalogued plugin alone in a throwaway run (temporary folder, silent logger), so that options
/// that do not bind and constructors that throw show up in <c>myxtts plugins list</c> instead of mid-run.
/// </summary>
public static class PluginProbe
{
    /// <summary>One problem per plugin that cannot be composed or constructed.</summary>
    public static IReadOnlyList<PluginProblem> Run(PluginCatalog catalog, IConfiguration configuration, Action<ContainerBuilder>? configure = null)
    {
        var directory = Directory.CreateTempSubdirectory("myxtts-probe-");
        try
        {
            return catalog.Plugins
                .Select(plugin => Probe(catalog, plugin, configuration, configure, new RunContext(directory.FullName, "probe")))
                .OfType<PluginProblem>()
                .ToArray();
        }
        finally
        {
            try { directory.Delete(recursive: true); }
            catch (IOException) { /* a plugin may still hold a file open; the OS cleans temp folders */ }
        }
    }

    private static PluginProblem? Probe(PluginCatalog catalog, PluginDescriptor plugin, IConfiguration configuration,
        Action<ContainerBuilder>? configure, RunContext context)
    {
        try
        {
            using var composition = HostComposition.Build(catalog, PluginSelection.Of(plugin), configuration, Serilog.Core.Logger.None, configure);
            using var run = composition.BeginRun(context);
            return null;
        }
        catch (PluginException e)
        {
            return new PluginProblem(plugin.Assembly.Path, e.Message, plugin.Name);
        }
        catch (Exception e)
        {
            return new PluginProblem(plugin.Assembly.Path,
                $"Plugin {plugin.Describe()} failed in a trial run (construct, then dispose): {e.GetType().Name}: {e.Message}", plugin.Name);
        }
    }
}
