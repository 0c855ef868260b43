using MyXtts.Host.Plugins.Discovery;
using Spectre.Console;

namespace MyXtts.Host.Plugins.Listing;

/// <summary>What <c>myxtts plugins list</c> prints: the plugins, assemblies that declare none yet, the folders searched and every problem.</summary>
public static class PluginListing
{
    public static void Render(IAnsiConsole console, PluginCatalog catalog, IReadOnlyList<PluginProblem> problems)
    {
        RenderPlugins(console, catalog, problems);
        RenderAssembliesWithoutPlugins(console, catalog, problems);
        console.WriteLine("Plugin folders searched: " + string.Join(", ", catalog.SearchPath.Roots.Select(Describe)));
        RenderProblems(console, problems);
    }

    private static void RenderPlugins(IAnsiConsole console, PluginCatalog catalog, IReadOnlyList<PluginProblem> problems)
    {
        if (catalog.Plugins.Count == 0)
        {
            console.WriteLine("No plugins found.");
            return;
        }
        var table = new Table().Title("Plugins").AddColumns("Name", "Kind", "Assembly", "Version", "Folder", "Summary");
        foreach (var p in catalog.Plugins.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var folder = p.Assembly.IsBuiltIn ? "(built-in)" : p.Assembly.Folder;
            var summary = problems.Any(x => x.PluginName == p.Name) ? $"{p.Summary} (unusable: see Problems)".TrimStart() : p.Summary;
            table.AddRow(Cells(p.Name, PluginKinds.DisplayName(p.Kind), p.Assembly.Name, p.Assembly.Version, folder, summary));
        }
        console.Write(table);
    }

    /// <summary>Plugin projects that exist but implement nothing yet are normal during development, not errors.</summary>
    private static void RenderAssembliesWithoutPlugins(IAnsiConsole console, PluginCatalog catalog, IReadOnlyList<PluginProblem> problems)
    {
        var empty = catalog.Assemblies
            .Where(a => !a.IsBuiltIn && catalog.Plugins.All(p => p.Assembly != a) && problems.All(p => p.Source != a.Path))
            .ToArray();
        if (empty.Length == 0) return;
        var table = new Table().Title("Assemblies that declare no plugins yet").AddColumns("Assembly", "Version", "Folder");
        foreach (var a in empty) table.AddRow(Cells(a.Name, a.Version, a.Folder));
        console.Write(table);
    }

    private static void RenderProblems(IAnsiConsole console, IReadOnlyList<PluginProblem> problems)
    {
        if (problems.Count == 0)
        {
            console.WriteLine("Problems: none.");
            return;
        }
        console.WriteLine($"Problems ({problems.Count}):");
        foreach (var problem in problems) console.WriteLine($"  - {problem.Source}: {problem.Message}");
    }

    private static string Describe(PluginRoot root) =>
        $"{root.Directory} ({root.Origin}{(Directory.Exists(root.Directory) ? "" : ", missing")})";

    private static Spectre.Console.Rendering.IRenderable[] Cells(params string[] values) =>
        values.Select(v => (Spectre.Console.Rendering.IRenderable)new Text(v)).ToArray();
}
