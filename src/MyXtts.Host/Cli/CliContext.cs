using MyXtts.Host.Configuration;

namespace MyXtts.Host.Cli;

/// <summary>What a command reads from and writes to besides its arguments, so tests can run the CLI in-process.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Environment)
{
    public static CliContext System() => new(Console.Out, Console.Error, ConfigRequest.ProcessEnvironment());

    /// <summary>Presets folder; null means the <c>configs</c> folder next to the executable.</summary>
    public string? PresetDirectory { get; init; }
}
