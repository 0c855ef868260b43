namespace MyXtts.Host.Plugins.Discovery;

/// <summary>Decides which DLL in a plugin folder is the plugin (the others are its private dependencies).</summary>
public static class PluginMainAssembly
{
    /// <summary>
    /// The DLL with a sibling <c>&lt;stem&gt;.deps.json</c> (what <c>dotnet build/publish</c> writes for the project);
    /// else <c>&lt;folder name&gt;.dll</c>; else the only DLL. Null with <paramref name="problem"/> set otherwise.
    /// </summary>
    public static string? Find(string folder, out PluginProblem? problem)
    {
        problem = null;
        var dlls = Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToArray();
        var withDeps = dlls.Where(d => File.Exists(Path.ChangeExtension(d, ".deps.json"))).ToArray();
        if (withDeps.Length == 1) return withDeps[0];

        var named = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
        if (File.Exists(named)) return named;
        if (dlls.Length == 1) return dlls[0];

        var found = dlls.Length == 0 ? "it holds no DLL" : "found " + string.Join(", ", dlls.Select(Path.GetFileName));
        problem = new PluginProblem(folder,
            $"Cannot tell which DLL is the plugin: {found}. Put the plugin in '{Path.GetFileName(folder)}.dll' " +
            "(or keep the <stem>.deps.json that dotnet publish writes next to the plugin DLL), or remove the folder.");
        return null;
    }
}
