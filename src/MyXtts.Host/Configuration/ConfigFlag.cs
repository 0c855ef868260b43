using System.CommandLine;

namespace MyXtts.Host.Configuration;

/// <summary>
/// One command-line flag that sets one configuration key. A value flag (<c>--device cuda</c>) passes its text on;
/// a switch (<c>--enable-xla</c>) writes a fixed value. The text is validated with the key, like every other source.
/// </summary>
public sealed class ConfigFlag
{
    public Option Option { get; }
    public string Key { get; }
    private readonly string? _switchValue;

    private ConfigFlag(Option option, string key, string? switchValue) => (Option, Key, _switchValue) = (option, key, switchValue);

    /// <summary>A flag taking a value: <c>Value("--threads", "runtime.threads", "...")</c>.</summary>
    public static ConfigFlag Value(string name, string key, string description, string? helpName = null) =>
        new(new Option<string>(name) { Description = $"{description} [{key}]", Recursive = true, HelpName = helpName ?? "value" }, key.Replace('.', ':'), null);

    /// <summary>A flag without a value that writes <paramref name="value"/>: <c>Switch("--enable-xla", "data.enable_xla", "true", "...")</c>.</summary>
    public static ConfigFlag Switch(string name, string key, string value, string description) =>
        new(new Option<bool>(name) { Description = $"{description} [{key}={value}]", Recursive = true, Arity = ArgumentArity.Zero }, key.Replace('.', ':'), value);

    /// <summary>The value this flag contributes to the parse, or null when it was not given.</summary>
    public string? ValueIn(ParseResult parse) => _switchValue is null
        ? parse.GetValue((Option<string>)Option)
        : parse.GetValue((Option<bool>)Option) ? _switchValue : null;
}
