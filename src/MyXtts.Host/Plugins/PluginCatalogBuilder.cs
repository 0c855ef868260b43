using System.Reflection;
using MyXtts.Host.Plugins.Discovery;

namespace MyXtts.Host.Plugins;

/// <summary>Walks built-ins and plugin folders in precedence order, turning every failure into a <see cref="PluginProblem"/>.</summary>
internal sealed class PluginCatalogBuilder(PluginSearchPath searchPath)
{
    private readonly List<PluginAssembly> _assemblies = [];
    private readonly List<PluginDescriptor> _plugins = [];
    private readonly List<PluginProblem> _problems = [];

    public PluginCatalog Build(IEnumerable<Assembly> builtIns)
    {
        foreach (var assembly in builtIns) Add(new PluginAssembly(assembly, assembly.Location, IsBuiltIn: true));
        foreach (var root in searchPath.Roots) AddRoot(root);
        return new PluginCatalog(searchPath, _assemblies.ToArray(), _plugins.ToArray(), _problems.ToArray());
    }

    private void AddRoot(PluginRoot root)
    {
        if (!Directory.Exists(root.Directory))
        {
            if (root.MustExist)
                _problems.Add(new PluginProblem(root.Directory, $"Plugins folder (from {root.Origin}) does not exist. Fix the path or create the folder."));
            return;
        }
        foreach (var folder in Directory.GetDirectories(root.Directory).Order(StringComparer.Ordinal)) AddFolder(folder);
    }

    private void AddFolder(string folder)
    {
        var dll = PluginMainAssembly.Find(folder, out var problem);
        if (dll is null)
        {
            _problems.Add(problem!);
            return;
        }
        Assembly assembly;
        try
        {
            assembly = PluginAssemblyLoader.Load(dll);
        }
        catch (Exception e)
        {
            _problems.Add(new PluginProblem(dll, $"Cannot load the plugin assembly: {e.GetType().Name}: {e.Message} " +
                "Rebuild the plugin for .NET 10 (or remove the folder)."));
            return;
        }
        if (AbstractionsCompatibility.Check(assembly, dll) is { } incompatible)
        {
            _problems.Add(incompatible);
            return;
        }
        Add(new PluginAssembly(assembly, dll, IsBuiltIn: false));
    }

    private void Add(PluginAssembly source)
    {
        _assemblies.Add(source);
        // An assembly that does not reference the contracts cannot declare a plugin; skip loading its types.
        if (!source.IsBuiltIn && AbstractionsCompatibility.ReferencedVersion(source.Assembly) is null) return;
        foreach (var plugin in PluginTypeScanner.Scan(source, _problems)) AddUnique(plugin);
    }

    private void AddUnique(PluginDescriptor plugin)
    {
        var first = _plugins.FirstOrDefault(p => p.Name == plugin.Name);
        if (first is null)
        {
            _plugins.Add(plugin);
            return;
        }
        _problems.Add(new PluginProblem(plugin.Assembly.Path,
            $"Plugin name '{plugin.Name}' is claimed twice: by {first.Type.FullName} in {first.Assembly.Path} and by " +
            $"{plugin.Type.FullName} in {plugin.Assembly.Path}. The first one is used; rename one of them (names are unique across all kinds)."));
    }
}
