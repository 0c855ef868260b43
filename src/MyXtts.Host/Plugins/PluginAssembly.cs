using System.Reflection;

namespace MyXtts.Host.Plugins;

/// <summary>An assembly the catalog scanned for <c>[Plugin]</c> types: a plugin DLL, or a built-in assembly of the host.</summary>
/// <param name="Assembly">The loaded assembly (in its own plugin load context, or the default one for built-ins).</param>
/// <param name="Path">The DLL file.</param>
/// <param name="IsBuiltIn">True for the host's own assemblies (MyXtts.Core, myxtts).</param>
public sealed record PluginAssembly(Assembly Assembly, string Path, bool IsBuiltIn)
{
    /// <summary>Simple assembly name, e.g. <c>MyXtts.Profilers</c>.</summary>
    public string Name => Assembly.GetName().Name ?? System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The folder holding the DLL.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path) ?? "";

    /// <summary>The informational version without the source revision (<c>0.1.0</c>), else the assembly version.</summary>
    public string Version
    {
        get
        {
            var informational = Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (!string.IsNullOrEmpty(informational)) return informational.Split('+')[0];
            return Assembly.GetName().Version?.ToString() ?? "?";
        }
    }
}
