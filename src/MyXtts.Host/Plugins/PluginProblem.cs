namespace MyXtts.Host.Plugins;

/// <summary>
/// Why a plugin (or a whole plugin assembly) is not available. Problems are collected, never thrown, so one broken
/// plugin cannot take the host down. <paramref name="Source"/> is the file or folder at fault.
/// </summary>
/// <param name="Source">Path of the DLL or folder the problem is about.</param>
/// <param name="Message">The cause and the fix, in one or two sentences.</param>
/// <param name="PluginName">The plugin name involved, when the problem is about one declared plugin.</param>
public sealed record PluginProblem(string Source, string Message, string? PluginName = null)
{
    public override string ToString() => $"{Source}: {Message}";
}
