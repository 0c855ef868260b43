namespace MyXtts.Host.Configuration;

/// <summary>
/// The configuration cannot be used. <see cref="Exception.Message"/> lists every problem found, one per line, each
/// naming the key, the value, where it came from and what is allowed; the CLI prints it without a stack trace.
/// </summary>
public sealed class ConfigurationException(IReadOnlyList<string> problems)
    : Exception(problems.Count == 1 ? problems[0] : $"{problems.Count} configuration problems:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    public ConfigurationException(string problem) : this([problem]) { }
}
