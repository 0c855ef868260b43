using Autofac;
using Autofac.Core;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Profiling;
using MyXtts.Host.Plugins.Selection;
using Serilog;

namespace MyXtts.Host.Composition;

/// <summary>Registers the selected plugins, one instance per run scope, with their options and a plugin-tagged logger.</summary>
internal static class PluginRegistrations
{
    /// <summary>Binds every selected plugin's options first, so all configuration mistakes are reported together.</summary>
    public static void Register(ContainerBuilder builder, PluginSelection selection, IConfiguration configuration)
    {
        var options = new Dictionary<string, object?>();
        var errors = new List<string>();
        foreach (var plugin in selection.Plugins)
        {
            try { options[plugin.Name] = PluginOptionsBinder.Bind(plugin, configuration); }
            catch (PluginException e) { errors.Add(e.Message); }
        }
        if (errors.Count > 0) throw new PluginException(string.Join(Environment.NewLine, errors));

        foreach (var plugin in selection.Plugins) RegisterPlugin(builder, plugin, options[plugin.Name]);
        RegisterProfiler(builder, selection.Single(PluginKind.Profiler));
    }

    private static void RegisterPlugin(ContainerBuilder builder, PluginDescriptor plugin, object? options)
    {
        var registration = builder.RegisterType(plugin.Type)
            .Keyed(plugin.Name, typeof(object))
            .InstancePerMatchingLifetimeScope(HostComposition.RunTag)
            .WithParameter(new ResolvedParameter(
                (p, _) => p.ParameterType == typeof(ILogger),
                (_, c) => c.Resolve<ILogger>().ForContext("Plugin", plugin.Name)));
        if (options is not null) registration.WithParameter(new TypedParameter(plugin.OptionsType!, options));
        if (PluginKinds.RegistrationContract(plugin.Kind) is { } contract) registration.Keyed(plugin.Name, contract).As(contract);
    }

    /// <summary>The run's <see cref="IProfiler"/> and <see cref="IEpochReporter"/>: the selected plugin behind its safety guard, or null objects.</summary>
    private static void RegisterProfiler(ContainerBuilder builder, PluginDescriptor? profiler)
    {
        if (profiler is null)
        {
            builder.RegisterInstance<IProfiler>(NullProfiler.Instance);
            builder.RegisterInstance(SafeEpochReporter.None);
            return;
        }
        builder.Register(c => SafeProfiler.Wrap(profiler.Name, c.ResolveKeyed<object>(profiler.Name), c.Resolve<ILogger>()))
            .As<IProfiler>().InstancePerMatchingLifetimeScope(HostComposition.RunTag);
        builder.Register(c => SafeEpochReporter.Wrap(profiler.Name, c.ResolveKeyed<object>(profiler.Name), c.Resolve<ILogger>()))
            .As<IEpochReporter>().InstancePerMatchingLifetimeScope(HostComposition.RunTag);
    }
}
