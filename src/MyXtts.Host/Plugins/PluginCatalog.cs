using System.Reflection;
using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Plugins.Discovery;

namespace MyXtts.Host.Plugins;

/// <summary>
/// Every plugin the host can use, built-in or loaded from plugin folders, plus every problem met on the way.
/// Built once at startup by <see cref="Discover"/>; never throws for a broken plugin.
/// </summary>
public sealed class PluginCatalog
{
    private readonly Dictionary<string, PluginDescriptor> _byName;

    internal PluginCatalog(PluginSearchPath searchPath, IReadOnlyList<PluginAssembly> assemblies,
        IReadOnlyList<PluginDescriptor> plugins, IReadOnlyList<PluginProblem> problems)
    {
        SearchPath = searchPath;
        Assemblies = assemblies;
        Plugins = plugins;
        Problems = problems;
        _byName = plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The folders that were searched.</summary>
    public PluginSearchPath SearchPath { get; }

    /// <summary>Every assembly that loaded and was scanned, including those that declare no plugins (yet).</summary>
    public IReadOnlyList<PluginAssembly> Assemblies { get; }

    /// <summary>Usable plugins, names unique.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins { get; }

    /// <summary>Why some plugins or folders are not usable; one entry per cause.</summary>
    public IReadOnlyList<PluginProblem> Problems { get; }

    /// <summary>The plugin called <paramref name="name"/>, or null.</summary>
    public PluginDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The plugins of one kind, in discovery order.</summary>
    public IEnumerable<PluginDescriptor> OfKind(PluginKind kind) => Plugins.Where(p => p.Kind == kind);

    /// <summary>The host's own assemblies, scanned for built-in plugins.</summary>
    public static IReadOnlyList<Assembly> HostAssemblies() =>
        [Assembly.Load(new AssemblyName("MyXtts.Core")), typeof(PluginCatalog).Assembly];

    /// <summary>Scans <paramref name="builtIns"/> (default <see cref="HostAssemblies"/>) and every plugin folder of <paramref name="searchPath"/>.</summary>
    public static PluginCatalog Discover(PluginSearchPath searchPath, IEnumerable<Assembly>? builtIns = null) =>
        new PluginCatalogBuilder(searchPath).Build(builtIns ?? HostAssemblies());
}
