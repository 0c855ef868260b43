using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Discovery;

namespace MyXtts.Host.Tests.Plugins;

/// <summary>
/// The fixture plugins built from tests/TestPlugins into the test output's <c>testplugins/</c>, and the shipped ones
/// in <c>plugins/</c>. Catalogs are immutable, so one discovery is shared by the tests that only read it.
/// </summary>
internal static class FixturePlugins
{
    public static string TestPluginsRoot { get; } = Path.Combine(AppContext.BaseDirectory, "testplugins");
    public static string ShippedRoot { get; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The folder of fixture project <paramref name="name"/> (Good, Broken, DuplicateA...).</summary>
    public static string Folder(string name) => Path.Combine(TestPluginsRoot, "MyXtts.TestPlugins." + name);

    /// <summary>The main DLL of fixture project <paramref name="name"/>.</summary>
    public static string Dll(string name) => Path.Combine(Folder(name), $"MyXtts.TestPlugins.{name}.dll");

    private static readonly Lazy<PluginCatalog> AllFixtures = new(() => Discover(TestPluginsRoot));

    /// <summary>Every fixture plugin folder, good and broken, with the host's built-ins.</summary>
    public static PluginCatalog All => AllFixtures.Value;

    /// <summary>A catalog of exactly these roots (no shipped plugins).</summary>
    public static PluginCatalog Discover(params string[] roots) =>
        PluginCatalog.Discover(new PluginSearchPath(roots.Select(r => new PluginRoot(r, "--plugins-dir")).ToArray()));

    /// <summary>Copies fixture plugin folders into <paramref name="root"/>, as a user would lay out a plugins folder.</summary>
    public static void CopyInto(string root, params string[] names)
    {
        foreach (var name in names)
        {
            var target = Directory.CreateDirectory(Path.Combine(root, Path.GetFileName(Folder(name))));
            foreach (var file in Directory.GetFiles(Folder(name))) File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)));
        }
    }
}
