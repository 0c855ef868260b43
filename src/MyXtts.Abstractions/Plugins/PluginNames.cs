using System.Text.RegularExpressions;

namespace MyXtts.Abstractions.Plugins;

/// <summary>The rules a plugin name follows, shared by the host's catalog and by plugin authors' tests.</summary>
public static partial class PluginNames
{
    /// <summary>Selecting this name for an exclusive kind selects its null object (no profiler, no encoder...).</summary>
    public const string None = "none";

    /// <summary>True for lower snake case names such as <c>ecapa_tdnn</c>; false for "none" and anything else.</summary>
    public static bool IsValid(string? name) => name is not null && name != None && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex Pattern();
}
