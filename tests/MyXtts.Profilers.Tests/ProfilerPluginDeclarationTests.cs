using System.Reflection;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Plugins.Profilers.Counters;
using MyXtts.Plugins.Profilers.Summary;
using MyXtts.Plugins.Profilers.Trace;

namespace MyXtts.Profilers.Tests;

/// <summary>What the host's catalog and container rely on: a valid name, the profiler contract, a resolvable constructor.</summary>
public class ProfilerPluginDeclarationTests
{
    public static TheoryData<Type, string, bool> Profilers => new()
    {
        { typeof(SummaryProfiler), "summary", true },
        { typeof(TraceProfiler), "trace", true },
        { typeof(CountersProfiler), "counters", false },
    };

    [Theory]
    [MemberData(nameof(Profilers))]
    public void Each_profiler_declares_its_plugin_name_and_implements_the_profiler_contract(Type type, string name, bool reportsEpochs)
    {
        var plugin = type.GetCustomAttribute<PluginAttribute>()!;

        Assert.Equal(name, plugin.Name);
        Assert.True(PluginNames.IsValid(plugin.Name));
        Assert.False(string.IsNullOrWhiteSpace(plugin.Summary));
        Assert.True(typeof(IProfiler).IsAssignableFrom(type));
        Assert.Equal(reportsEpochs, typeof(IEpochReporter).IsAssignableFrom(type));
    }

    [Theory]
    [MemberData(nameof(Profilers))]
    public void Each_profiler_has_one_public_constructor_taking_only_a_logger_and_its_declared_options(Type type, string name, bool reportsEpochs)
    {
        _ = (name, reportsEpochs);
        var plugin = type.GetCustomAttribute<PluginAttribute>()!;
        var allowed = new HashSet<Type> { typeof(Serilog.ILogger) };
        if (plugin.Options is not null)
        {
            allowed.Add(plugin.Options);
            Assert.NotNull(plugin.Options.GetConstructor(Type.EmptyTypes));   // the binder creates it
        }

        var constructor = Assert.Single(type.GetConstructors());

        Assert.All(constructor.GetParameters(), p => Assert.Contains(p.ParameterType, allowed));
    }

    [Fact]
    public void Disposing_the_counters_profiler_is_how_the_run_scope_releases_its_meter()
    {
        Assert.True(typeof(IDisposable).IsAssignableFrom(typeof(CountersProfiler)));
    }
}
