using MyXtts.Abstractions.Plugins;

namespace MyXtts.Host.Plugins;

/// <summary>One usable plugin: a valid, unique name bound to a class with exactly one kind.</summary>
/// <param name="Name">The name users select it by (<c>--plugin NAME</c>).</param>
/// <param name="Kind">Inferred from the contract <paramref name="Type"/> implements.</param>
/// <param name="Type">The plugin class.</param>
/// <param name="Summary">One line for <c>myxtts plugins list</c>.</param>
/// <param name="OptionsType">Bound from <c>plugins:&lt;name&gt;</c> and passed to the constructor; null when it takes none.</param>
/// <param name="Assembly">Where the class comes from.</param>
public sealed record PluginDescriptor(
    string Name, PluginKind Kind, Type Type, string Summary, Type? OptionsType, PluginAssembly Assembly)
{
    /// <summary>"'name' (Namespace.Type in /path/Plugin.dll)": how errors refer to a plugin.</summary>
    public string Describe() => $"'{Name}' ({Type.FullName} in {Assembly.Path})";
}
