using System.CommandLine;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Runtime;
using MyXtts.Host.Composition;
using MyXtts.Host.Configuration;
using MyXtts.Host.Logging;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;
using Serilog.Core;

namespace MyXtts.Host.Cli;

/// <summary>
/// Everything a command that does work needs, set up in one order: configuration → run folder (with
/// config.resolved.json) → logging (console + run folder) → device → plugins (catalog, <c>--plugin</c> selection, one
/// Autofac run scope). Disposing it ends the run: plugins are disposed, debug switches restored, logs flushed.
/// </summary>
public sealed class RunSession : IDisposable
{
    private RunSession(EffectiveConfiguration configuration, string runDirectory, Logger log, DeviceContext device,
        HostComposition composition, PluginRun plugins)
    {
        (Configuration, RunDirectory, Log, Device, Composition, Plugins) = (configuration, runDirectory, log, device, composition, plugins);
    }

    /// <summary>The effective configuration and its provenance.</summary>
    public EffectiveConfiguration Configuration { get; }

    /// <summary>Typed settings.</summary>
    public MyXttsSettings Settings => Configuration.Settings;

    /// <summary>This run's folder (logs, reports, samples).</summary>
    public string RunDirectory { get; }

    /// <summary>The run's logger.</summary>
    public Logger Log { get; }

    /// <summary>The device, precision and threads in effect.</summary>
    public DeviceContext Device { get; }

    /// <summary>The root container.</summary>
    public HostComposition Composition { get; }

    /// <summary>The selected plugins, constructed for this run.</summary>
    public PluginRun Plugins { get; }

    /// <summary>
    /// Starts a run of <paramref name="command"/>. Configuration and plugin errors throw before anything is written.
    /// <paramref name="defaultPlugins"/> are selected with the <c>--plugin</c> values (e.g. train's <c>mel_loss</c>);
    /// <paramref name="configuredPlugins"/> adds plugins chosen by configuration keys (e.g. <c>model.speaker_encoder_type</c>),
    /// so they go through the same catalog and selection rules; <paramref name="configuration"/> reuses a configuration the
    /// command already loaded to check its arguments.
    /// </summary>
    public static RunSession Start(ParseResult parse, GlobalOptions globals, CliContext context, string command,
        IEnumerable<string>? defaultPlugins = null, EffectiveConfiguration? configuration = null,
        Func<EffectiveConfiguration, PluginCatalog, IEnumerable<string>>? configuredPlugins = null)
    {
        configuration ??= ConfigurationLoader.Load(ConfigRequestFactory.From(
            parse, globals.Config, globals.ConfigurationFlags, context.Environment, context.PresetDirectory));
        var catalog = PluginCatalog.Discover(PluginCommandLine.SearchPath(parse, globals));
        var selection = PluginCommandLine.Selection(parse, globals, catalog,
            (defaultPlugins ?? []).Concat(configuredPlugins?.Invoke(configuration, catalog) ?? []));
        var runDirectory = RunFolder.CreateFor(configuration, command);
        var log = RunLogging.Configure(configuration.Settings.Runtime, runDirectory, ReferenceEquals(context.Error, Console.Error) ? null : context.Error);
        try
        {
            log.Information("myxtts {Command}: run folder {RunDirectory}", command, runDirectory);
            foreach (var problem in catalog.Problems) log.Warning("Plugin problem: {Problem}", problem.ToString());
            var device = DeviceSetup.Apply(configuration.Settings, log);
            var composition = HostComposition.Build(catalog, selection, configuration.Root, log, b => EngineServices.Register(b, configuration.Settings));
            var plugins = composition.BeginRun(new RunContext(runDirectory, Path.GetFileName(runDirectory)));
            return new RunSession(configuration, runDirectory, log, device, composition, plugins);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Plugins.Dispose();
        Composition.Dispose();
        Device.Dispose();
        Log.Dispose();
    }
}
