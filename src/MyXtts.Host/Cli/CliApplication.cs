using System.CommandLine;

namespace MyXtts.Host.Cli;

/// <summary>Builds the command tree and runs it. Each subcommand lives in its own file under Commands/.</summary>
public static class CliApplication
{
    public static RootCommand BuildRoot(out GlobalOptions globals)
    {
        globals = new GlobalOptions();
        var root = new RootCommand("MyXtts: XTTS-style voice-cloning text-to-speech on TorchSharp.");
        globals.AddTo(root);
        root.Subcommands.Add(Commands.PluginsCommand.Create(globals, _ => new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot(out _);
        return await root.Parse(args).InvokeAsync();
    }
}
