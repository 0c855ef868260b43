using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Composition;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;
using TorchSharp;

namespace MyXtts.Host.Tests.Plugins;

/// <summary>
/// Plugins must run on the host's TorchSharp: a second copy breaks type identity, and a second libtorch aborts the
/// process. This loads every plugin folder, runs a torch op inside a plugin, and inspects what the process mapped.
/// </summary>
public sealed class SharedTorchSharpTests
{
    private static readonly PluginCatalog Everything =
        FixturePlugins.Discover(FixturePlugins.ShippedRoot, FixturePlugins.TestPluginsRoot);

    private static float RunLossInPlugin()
    {
        using var runDirectory = new TempDirectory();
        using var composition = HostComposition.Build(Everything, PluginSelection.Parse(["fixture_l1"], Everything),
            new ConfigurationBuilder().Build(), Serilog.Core.Logger.None);
        using var run = composition.BeginRun(new RunContext(runDirectory.Path, "torch"));
        using var scope = torch.NewDisposeScope();
        return run.LossTerms[0].Term.Compute(TinyBatch.LossContext()).Value.item<float>();
    }

    [Fact]
    public void The_process_maps_one_libtorch_and_one_LibTorchSharp_after_a_plugin_runs_a_torch_op()
    {
        Assert.Equal(1f, RunLossInPlugin());

        var mapped = File.ReadAllLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => string.Join(' ', fields[5..]))
            .ToArray();
        Assert.Single(mapped.Where(p => Path.GetFileName(p) == "libtorch_cpu.so").Distinct());
        Assert.Single(mapped.Where(p => Path.GetFileName(p) == "libLibTorchSharp.so").Distinct());
    }

    [Fact]
    public void The_app_domain_holds_one_TorchSharp_and_every_plugin_context_resolves_to_it()
    {
        RunLossInPlugin();
        var hostTorchSharp = typeof(torch).Assembly;

        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "TorchSharp");
        var pluginAssemblies = Everything.Assemblies.Where(a => !a.IsBuiltIn).ToArray();
        Assert.Contains(pluginAssemblies, a => a.Name == "MyXtts.TestPlugins.Good");
        Assert.All(pluginAssemblies, a =>
        {
            var context = AssemblyLoadContext.GetLoadContext(a.Assembly)!;
            Assert.NotSame(AssemblyLoadContext.Default, context);
            Assert.Same(hostTorchSharp, context.LoadFromAssemblyName(new AssemblyName("TorchSharp")));
        });
    }

    [Fact]
    public void No_shipped_plugin_folder_carries_TorchSharp_or_libtorch()
    {
        var files = Directory.GetFiles(FixturePlugins.ShippedRoot, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray();

        Assert.NotEmpty(files);
        Assert.DoesNotContain(files, f => f == "TorchSharp.dll" || f!.StartsWith("libtorch", StringComparison.Ordinal) || f == "libLibTorchSharp.so");
    }
}
