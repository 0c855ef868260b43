using System.CommandLine;
using MyXtts.Core.Runtime;
using MyXtts.Host.Commands;
using MyXtts.Host.Configuration;

namespace MyXtts.Host.Cli;

/// <summary>Builds the command tree and runs it. Each subcommand lives in its own file under Commands/.</summary>
public static class CliApplication
{
    public static RootCommand BuildRoot(out GlobalOptions globals, CliContext? context = null)
    {
        context ??= CliContext.System();
        globals = new GlobalOptions();
        var root = new RootCommand("MyXtts: XTTS-style voice-cloning text-to-speech on TorchSharp.");
        globals.AddTo(root);
        var options = globals;
        var ctx = context;
        EffectiveConfiguration LoadConfiguration(ParseResult parse) => ConfigurationLoader.Load(
            ConfigRequestFactory.From(parse, options.Config, options.ConfigurationFlags, ctx.Environment, ctx.PresetDirectory));
        root.Subcommands.Add(PluginsCommand.Create(globals, LoadConfiguration));
        root.Subcommands.Add(ConfigCommand.Create(globals, context));
        root.Subcommands.Add(DatasetCommand.Create(globals, context));
        root.Subcommands.Add(TrainCommand.Create(globals, context, LoadConfiguration));
        root.Subcommands.Add(TrainVocoderCommand.Create(globals, context, LoadConfiguration));
        root.Subcommands.Add(EmbedCommand.Create(globals, context));
        root.Subcommands.Add(SynthesizeCommand.Create(globals, context));
        root.Subcommands.Add(EvaluateCommand.Create(globals, context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        return root;
    }

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliContext.System());

    /// <summary>Parse errors and configuration errors go to <see cref="CliContext.Error"/> as plain messages (no stack trace), exit code 1 and 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = BuildRoot(out _, context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0) return ParseErrorReport.Write(parse, context.Error);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ConfigurationException or RuntimeSetupException or Plugins.PluginException)
        {
            await context.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }
}
