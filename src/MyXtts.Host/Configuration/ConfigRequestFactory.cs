using System.CommandLine;

namespace MyXtts.Host.Configuration;

/// <summary>Turns a parsed command line into a <see cref="ConfigRequest"/>.</summary>
public static class ConfigRequestFactory
{
    public static ConfigRequest From(ParseResult parse, Option<FileInfo?> configOption, ConfigurationFlags flags,
                                     IReadOnlyDictionary<string, string?> environment, string? presetDirectory = null)
    {
        var request = new ConfigRequest
        {
            ConfigFile = parse.GetValue(configOption)?.ToString(),
            ModelSize = parse.GetValue(flags.ModelSize),
            Environment = environment,
            Flags = flags.EntriesIn(parse),
        };
        return presetDirectory is null ? request : request with { PresetDirectory = presetDirectory };
    }
}
