using System.CommandLine;
using MyXtts.Host.Configuration;

namespace MyXtts.Host.Cli;

/// <summary>Prints System.CommandLine's parse errors, adding the nearest known option to each unrecognized one.</summary>
public static class ParseErrorReport
{
    public static int Write(ParseResult parse, TextWriter error)
    {
        var names = OptionNames(parse.CommandResult.Command).ToList();
        foreach (var e in parse.Errors)
        {
            var token = parse.UnmatchedTokens.FirstOrDefault(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal));
            var option = token?.Split('=')[0];
            var hint = option is not null && option.StartsWith('-') && names.Count > 0
                ? $" Did you mean '{NameSuggester.Nearest(option, names)}'?" : "";
            error.WriteLine($"{e.Message}{hint}");
        }
        error.WriteLine($"Run 'myxtts {CommandPath(parse.CommandResult.Command)}--help' to see the options.");
        return 1;
    }

    /// <summary>The command's own options plus the recursive ones of its parents.</summary>
    private static IEnumerable<string> OptionNames(Command command)
    {
        var names = command.Options.Select(o => o.Name).ToList();
        for (var parent = Parent(command); parent is not null; parent = Parent(parent))
            names.AddRange(parent.Options.Where(o => o.Recursive).Select(o => o.Name));
        return names;
    }

    private static Command? Parent(Command command) => command.Parents.OfType<Command>().FirstOrDefault();

    private static string CommandPath(Command command) =>
        Parent(command) is { } parent ? CommandPath(parent) + command.Name + " " : "";
}
