using Autofac;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;
using Serilog;

namespace MyXtts.Host.Composition;

/// <summary>
/// The root container: the catalog, the selection, configuration and the root logger; selected plugins are
/// registered per run. A run is a lifetime scope tagged <see cref="RunTag"/>; resolving a plugin outside one fails,
/// which keeps per-run state (models, files, native memory) out of the root.
/// <code>
/// using var composition = HostComposition.Build(catalog, selection, configuration, logger);
/// using var run = composition.BeginRun(new RunContext(dir, id));
/// </code>
/// </summary>
public sealed class HostComposition : IDisposable
{
    /// <summary>Tag of the per-run lifetime scope.</summary>
    public const string RunTag = "run";

    private HostComposition(IContainer container, PluginSelection selection)
    {
        Container = container;
        Selection = selection;
    }

    /// <summary>The root container, for commands that register their own services with <c>configure</c>.</summary>
    public IContainer Container { get; }

    /// <summary>What runs of this composition use.</summary>
    public PluginSelection Selection { get; }

    /// <summary>
    /// Binds the selected plugins' options (throws <see cref="PluginException"/> listing every bad key) and builds the
    /// root container. <paramref name="configure"/> adds the caller's own registrations.
    /// </summary>
    public static HostComposition Build(PluginCatalog catalog, PluginSelection selection, IConfiguration configuration,
        ILogger logger, Action<ContainerBuilder>? configure = null)
    {
        var builder = new ContainerBuilder();
        builder.RegisterInstance(catalog);
        builder.RegisterInstance(selection);
        builder.RegisterInstance(configuration).As<IConfiguration>().ExternallyOwned();
        builder.RegisterInstance(logger).As<ILogger>().ExternallyOwned();
        PluginRegistrations.Register(builder, selection, configuration);
        configure?.Invoke(builder);
        return new HostComposition(builder.Build(), selection);
    }

    /// <summary>
    /// Starts a run: a tagged scope holding <paramref name="context"/> and a logger carrying its RunId, with every
    /// selected plugin constructed now, so a constructor that throws fails here naming plugin, file and cause.
    /// Disposing the run disposes its plugins.
    /// </summary>
    public PluginRun BeginRun(RunContext context, Action<ContainerBuilder>? configureRun = null)
    {
        var runLogger = Container.Resolve<ILogger>().ForContext("RunId", context.RunId);
        var scope = Container.BeginLifetimeScope(RunTag, b =>
        {
            b.RegisterInstance(context);
            b.RegisterInstance(runLogger).As<ILogger>().ExternallyOwned();
            configureRun?.Invoke(b);
        });
        try
        {
            return new PluginRun(scope, Selection, context);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    public void Dispose() => Container.Dispose();
}
