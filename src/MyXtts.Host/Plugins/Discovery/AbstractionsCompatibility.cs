using System.Reflection;
using MyXtts.Abstractions.Plugins;

namespace MyXtts.Host.Plugins.Discovery;

/// <summary>The plugin ABI check: a plugin must be built against the host's major version of MyXtts.Abstractions.</summary>
public static class AbstractionsCompatibility
{
    private static readonly AssemblyName HostAbstractions = typeof(PluginAttribute).Assembly.GetName();

    /// <summary>The MyXtts.Abstractions version <paramref name="plugin"/> was compiled against; null when it does not use it.</summary>
    public static Version? ReferencedVersion(Assembly plugin) =>
        plugin.GetReferencedAssemblies().FirstOrDefault(r => r.Name == HostAbstractions.Name)?.Version;

    /// <summary>A problem when the referenced major differs from the host's; null when compatible.</summary>
    public static PluginProblem? Check(Assembly plugin, string path)
    {
        var referenced = ReferencedVersion(plugin);
        var host = HostAbstractions.Version!;
        if (referenced is null || referenced.Major == host.Major) return null;
        return new PluginProblem(path,
            $"Built against {HostAbstractions.Name} {referenced}, but this host provides {host} (plugin ABI major {host.Major}). " +
            $"Rebuild the plugin against {HostAbstractions.Name} {host.Major}.x, or use a host of major {referenced.Major}.");
    }
}
