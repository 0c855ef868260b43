using Spectre.Console;

namespace MyXtts.Host.Cli;

/// <summary>
/// Spectre consoles for a command's output: the real terminal with colours and live progress, or plain wide text for
/// files, pipes and tests (no ANSI codes, no wrapping, so the output greps well).
/// </summary>
public static class Terminal
{
    /// <summary>True when <paramref name="output"/> is an interactive terminal (live progress bars make sense).</summary>
    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>A console writing to <paramref name="output"/>.</summary>
    public static IAnsiConsole For(TextWriter output)
    {
        if (IsInteractive(output)) return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 100_000;
        return console;
    }
}
