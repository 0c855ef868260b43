using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Discovery;
using MyXtts.Host.Plugins.Listing;
using Spectre.Console;

namespace MyXtts.Host.Tests.Plugins;

public class PluginListingTests
{
    private static string Render(PluginCatalog catalog, IReadOnlyList<PluginProblem> problems)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 100_000;
        PluginListing.Render(console, catalog, problems);
        return output.ToString();
    }

    private static string Row(string output, string name) => Assert.Single(output.Split('\n'), l => l.Contains($" {name} "));

    [Fact]
    public void Built_in_plugins_are_marked_and_folder_plugins_show_their_folder_assembly_and_version()
    {
        var catalog = PluginCatalog.Discover(
            new PluginSearchPath([new PluginRoot(FixturePlugins.TestPluginsRoot, "--plugins-dir")]), [typeof(BuiltInFixtureLoss).Assembly]);

        var output = Render(catalog, catalog.Problems);

        Assert.Contains("(built-in)", Row(output, "builtin_fixture_loss"));
        var row = Row(output, "fixture_vocoder");
        Assert.Contains(FixturePlugins.Folder("Good"), row);
        Assert.Contains("MyXtts.TestPlugins.Good", row);
        Assert.Contains("0.1.0", row);
        Assert.Contains("Fixture: silence of the right length", row);
    }

    [Fact]
    public void Every_problem_is_listed_once_and_unusable_plugins_point_to_it()
    {
        var catalog = FixturePlugins.All;
        var probed = PluginProbe.Run(catalog, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            b => MyXtts.Host.Composition.EngineServices.Register(b, new MyXtts.Abstractions.Configuration.MyXttsSettings()));

        var output = Render(catalog, [.. catalog.Problems, .. probed]);

        Assert.Contains("fixture constructor failure", Assert.Single(probed).Message);   // the only plugin whose trial run fails
        Assert.Contains($"Problems ({catalog.Problems.Count + 1}):", output);
        foreach (var problem in catalog.Problems.Concat(probed))
            Assert.Single(output.Split('\n'), l => l.Contains(problem.Message));
        Assert.Contains("unusable: see Problems", Row(output, "throwing_constructor"));
        Assert.DoesNotContain("unusable", Row(output, "duplicate_name"));
    }

    [Fact]
    public void Assemblies_that_declare_no_plugins_are_listed_apart_not_as_problems()
    {
        var catalog = FixturePlugins.All;

        var output = Render(catalog, catalog.Problems);

        var section = output[output.IndexOf("Assemblies that declare no plugins yet", StringComparison.Ordinal)..];
        Assert.Contains(FixturePlugins.Folder("Empty"), section[..section.IndexOf("Problems", StringComparison.Ordinal)]);
        Assert.DoesNotContain(catalog.Problems, p => p.Source.Contains("MyXtts.TestPlugins.Empty"));
    }
}
