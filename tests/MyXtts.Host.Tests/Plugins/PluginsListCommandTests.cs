using System.CommandLine;
using MyXtts.Host.Cli;

namespace MyXtts.Host.Tests.Plugins;

/// <summary>Runs <c>myxtts plugins list</c> in-process. Not parallel with itself: one test sets MYXTTS_PLUGINS_PATH.</summary>
public sealed class PluginsListCommandTests
{
    private static (int ExitCode, string Output) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var exitCode = CliApplication.BuildRoot(out _).Parse(args).Invoke(new InvocationConfiguration { Output = output });
        return (exitCode, output.ToString());
    }

    [Fact]
    public void The_listing_shows_the_shipped_Profilers_assembly()
    {
        var (exitCode, output) = Invoke("plugins", "list");

        Assert.Equal(0, exitCode);
        Assert.Contains("MyXtts.Profilers", output);
        Assert.Contains(Path.Combine(FixturePlugins.ShippedRoot, "MyXtts.Profilers"), output);
    }

    [Fact]
    public void A_plugins_dir_adds_third_party_plugins_and_their_problems_and_still_exits_0()
    {
        var (exitCode, output) = Invoke("plugins", "list", "--plugins-dir", FixturePlugins.TestPluginsRoot);

        Assert.Equal(0, exitCode);
        Assert.Contains(FixturePlugins.Folder("Good"), output);
        Assert.Contains("fixture_l1", output);
        Assert.Contains("Problems (", output);
        Assert.Contains("fixture constructor failure", output);   // found by the trial construction
        Assert.Contains("implements no extension point", output);
    }

    [Fact]
    public void The_environment_variable_adds_plugin_folders()
    {
        using var root = new TempDirectory();
        FixturePlugins.CopyInto(root.Path, "Good");
        var previous = Environment.GetEnvironmentVariable("MYXTTS_PLUGINS_PATH");
        Environment.SetEnvironmentVariable("MYXTTS_PLUGINS_PATH", "/does/not/exist:" + root.Path);
        try
        {
            var (exitCode, output) = Invoke("plugins", "list");

            Assert.Equal(0, exitCode);
            Assert.Contains(Path.Combine(root.Path, "MyXtts.TestPlugins.Good"), output);
            Assert.Contains("cache_only_profiler", output);
            Assert.Contains("/does/not/exist: Plugins folder (from MYXTTS_PLUGINS_PATH) does not exist", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MYXTTS_PLUGINS_PATH", previous);
        }
    }
}
