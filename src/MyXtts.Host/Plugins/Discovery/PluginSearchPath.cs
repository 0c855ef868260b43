namespace MyXtts.Host.Plugins.Discovery;

/// <summary>A folder whose subfolders are plugins (<c>&lt;root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>), and where it was named.</summary>
/// <param name="Directory">Absolute path of the folder.</param>
/// <param name="Origin">"shipped", "--plugins-dir" or "MYXTTS_PLUGINS_PATH": quoted in problems about this root.</param>
public sealed record PluginRoot(string Directory, string Origin)
{
    /// <summary>The shipped plugins next to the host are optional; folders a user named must exist.</summary>
    public bool MustExist => Origin != PluginSearchPath.ShippedOrigin;
}

/// <summary>Where plugins are looked for, in precedence order (a name claimed twice keeps the first).</summary>
public sealed record PluginSearchPath(IReadOnlyList<PluginRoot> Roots)
{
    /// <summary>The environment variable with extra plugin roots, ':'-separated.</summary>
    public const string EnvironmentVariable = "MYXTTS_PLUGINS_PATH";

    internal const string ShippedOrigin = "shipped";

    /// <summary>
    /// <c>&lt;baseDirectory&gt;/plugins</c>, then each <c>--plugins-dir</c>, then each <see cref="EnvironmentVariable"/>
    /// entry. Relative paths are taken from the current directory; a folder named twice is searched once.
    /// </summary>
    public static PluginSearchPath Create(string baseDirectory, IEnumerable<string> pluginsDirs, string? environmentValue)
    {
        var roots = new List<PluginRoot> { new(Path.Combine(baseDirectory, "plugins"), ShippedOrigin) };
        roots.AddRange(pluginsDirs.Select(d => new PluginRoot(d, "--plugins-dir")));
        var fromEnvironment = (environmentValue ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        roots.AddRange(fromEnvironment.Select(d => new PluginRoot(d, EnvironmentVariable)));
        var unique = roots
            .Select(r => r with { Directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(r.Directory)) })
            .DistinctBy(r => r.Directory)
            .ToArray();
        return new PluginSearchPath(unique);
    }

    /// <summary>The host's search path: its own <c>plugins/</c>, the given <c>--plugins-dir</c> values and the environment.</summary>
    public static PluginSearchPath ForHost(IEnumerable<string> pluginsDirs) =>
        Create(AppContext.BaseDirectory, pluginsDirs, Environment.GetEnvironmentVariable(EnvironmentVariable));
}
