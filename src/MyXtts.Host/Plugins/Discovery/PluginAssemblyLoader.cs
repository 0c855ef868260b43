using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using TorchSharp;

namespace MyXtts.Host.Plugins.Discovery;

/// <summary>
/// The only place that touches McMaster.NETCore.Plugins. Each plugin gets its own load context, but the contracts
/// and everything that crosses the plugin boundary resolve to the host's copy: a private TorchSharp would either
/// break type identity silently or dlopen a second libtorch and abort the process (toolchain notes §2).
/// </summary>
public static class PluginAssemblyLoader
{
    /// <summary>Types whose assemblies (and their references) always come from the host.</summary>
    public static IReadOnlyList<Type> SharedTypes { get; } =
    [
        typeof(PluginAttribute),          // MyXtts.Abstractions
        typeof(torch),                    // TorchSharp (and so one native libtorch)
        typeof(Serilog.ILogger),          // Serilog
        typeof(Autofac.IContainer),       // Autofac
        typeof(IConfiguration),           // Microsoft.Extensions.Configuration.Abstractions
    ];

    /// <summary>
    /// Loads <paramref name="dllPath"/> in a new, non-collectible load context (TorchSharp modules keep native
    /// callbacks alive, so unloading would not free anything anyway). Throws what the runtime throws for a bad file.
    /// </summary>
    public static Assembly Load(string dllPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(dllPath, isUnloadable: false, sharedTypes: SharedTypes.ToArray());
        return loader.LoadDefaultAssembly();
    }
}
