using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Plugins;

namespace MyXtts.Host.Tests.Plugins;

public class PluginDiscoveryTests
{
    private static PluginCatalog Catalog => FixturePlugins.All;

    private static IReadOnlyList<PluginProblem> ProblemsMentioning(string text) =>
        Catalog.Problems.Where(p => p.ToString().Contains(text, StringComparison.Ordinal)).ToArray();

    [Theory]
    [InlineData("fixture_l1", PluginKind.LossTerm)]
    [InlineData("cache_only_profiler", PluginKind.Profiler)]
    [InlineData("throwing_profiler", PluginKind.Profiler)]
    [InlineData("fixture_sink", PluginKind.MetricsSink)]
    [InlineData("fixture_encoder", PluginKind.SpeakerEncoder)]
    [InlineData("fixture_vocoder", PluginKind.Vocoder)]
    public void Good_plugins_load_with_the_kind_of_the_contract_they_implement(string name, PluginKind kind)
    {
        var plugin = Catalog.Find(name);

        Assert.NotNull(plugin);
        Assert.Equal(kind, plugin.Kind);
        Assert.Equal(FixturePlugins.Dll("Good"), plugin.Assembly.Path);
        Assert.False(plugin.Assembly.IsBuiltIn);
    }

    [Theory]
    [InlineData("'Bad-Name'", "invalid name")]
    [InlineData("'no_contract'", "implements no extension point")]
    [InlineData("'two_kinds'", "implements 2 extension points")]
    public void Each_broken_plugin_class_is_reported_once_naming_its_file_and_cause(string plugin, string cause)
    {
        var problem = Assert.Single(ProblemsMentioning(plugin));

        Assert.Equal(FixturePlugins.Dll("Broken"), problem.Source);
        Assert.Contains(cause, problem.Message);
        Assert.NotNull(Catalog.Find("throwing_constructor"));   // the assembly's valid class still loads
    }

    [Fact]
    public void Broken_plugin_classes_are_not_in_the_catalog()
    {
        Assert.Null(Catalog.Find("no_contract"));
        Assert.Null(Catalog.Find("two_kinds"));
        Assert.DoesNotContain(Catalog.Plugins, p => p.Name == "Bad-Name");
    }

    [Fact]
    public void Two_plugins_claiming_one_name_are_reported_once_naming_both_paths_and_the_first_is_used()
    {
        var problem = Assert.Single(ProblemsMentioning("'duplicate_name'"));

        Assert.Contains(FixturePlugins.Dll("DuplicateA"), problem.Message);
        Assert.Contains(FixturePlugins.Dll("DuplicateB"), problem.Message);
        Assert.Equal(FixturePlugins.Dll("DuplicateA"), Catalog.Find("duplicate_name")!.Assembly.Path);
    }

    [Fact]
    public void A_plugin_built_against_another_Abstractions_major_is_refused_naming_both_versions()
    {
        var problem = Assert.Single(Catalog.Problems, p => p.Source == FixturePlugins.Dll("Incompatible"));

        Assert.Contains("MyXtts.Abstractions 2.0.0.0", problem.Message);
        Assert.Contains("1.0.0.0", problem.Message);
        Assert.Null(Catalog.Find("future_loss"));
    }

    [Fact]
    public void A_corrupt_dll_is_reported_once_and_the_other_plugins_still_load()
    {
        using var root = new TempDirectory();
        FixturePlugins.CopyInto(root.Path, "Good");
        var corrupt = Directory.CreateDirectory(root.Combine("Corrupt")).FullName;
        File.WriteAllBytes(Path.Combine(corrupt, "Corrupt.dll"), [0x4d, 0x5a, 0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3]);

        var catalog = FixturePlugins.Discover(root.Path);

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(Path.Combine(corrupt, "Corrupt.dll"), problem.Source);
        Assert.Contains("BadImageFormatException", problem.Message);
        Assert.NotNull(catalog.Find("fixture_l1"));
    }

    [Fact]
    public void A_folder_whose_plugin_dll_cannot_be_told_apart_is_reported_once_listing_the_dlls()
    {
        using var root = new TempDirectory();
        var folder = Directory.CreateDirectory(root.Combine("Ambiguous")).FullName;
        File.Copy(FixturePlugins.Dll("DuplicateA"), Path.Combine(folder, "First.dll"));
        File.Copy(FixturePlugins.Dll("DuplicateB"), Path.Combine(folder, "Second.dll"));

        var problem = Assert.Single(FixturePlugins.Discover(root.Path).Problems);

        Assert.Equal(folder, problem.Source);
        Assert.Contains("Cannot tell which DLL is the plugin", problem.Message);
        Assert.Contains("First.dll, Second.dll", problem.Message);
    }

    [Fact]
    public void A_named_plugins_folder_that_does_not_exist_is_a_problem()
    {
        using var root = new TempDirectory();
        var missing = root.Combine("missing");

        var problem = Assert.Single(FixturePlugins.Discover(missing).Problems);

        Assert.Equal(missing, problem.Source);
        Assert.Contains("--plugins-dir", problem.Message);
    }

    [Fact]
    public void The_shipped_plugin_assemblies_load_without_problems()
    {
        var catalog = FixturePlugins.Discover(FixturePlugins.ShippedRoot);

        Assert.Contains(catalog.Assemblies, a => a.Name == "MyXtts.Profilers" && !a.IsBuiltIn);
        Assert.Empty(catalog.Problems);
    }

    [Fact]
    public void Built_in_assemblies_are_scanned_like_plugins_and_marked_built_in()
    {
        var catalog = PluginCatalog.Discover(new(Array.Empty<Host.Plugins.Discovery.PluginRoot>()), [typeof(BuiltInFixtureLoss).Assembly]);

        var plugin = catalog.Find("builtin_fixture_loss");
        Assert.NotNull(plugin);
        Assert.True(plugin.Assembly.IsBuiltIn);
        Assert.Equal(PluginKind.LossTerm, plugin.Kind);
    }

    [Fact]
    public void The_host_scans_MyXtts_Core_and_itself_for_built_in_plugins()
    {
        var names = PluginCatalog.HostAssemblies().Select(a => a.GetName().Name);

        Assert.Equal(["MyXtts.Core", "myxtts"], names);
    }
}
