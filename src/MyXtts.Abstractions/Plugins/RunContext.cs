namespace MyXtts.Abstractions.Plugins;

/// <summary>The folder of the current run, where sinks and profilers write their files.</summary>
public sealed record RunContext(string RunDirectory, string RunId);
