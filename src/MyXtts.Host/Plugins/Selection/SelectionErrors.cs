using MyXtts.Host.Cli;
using MyXtts.Abstractions.Plugins;

namespace MyXtts.Host.Plugins.Selection;

/// <summary>The messages of a rejected <c>--plugin</c>: the problem, the valid choices, and where to look.</summary>
internal static class SelectionErrors
{
    private const string SeeList = "Run 'myxtts plugins list' to see every plugin and any loading problems.";

    public static PluginException UnknownName(PluginCatalog catalog, string name, PluginKind? kind = null)
    {
        var candidates = kind is { } k ? catalog.OfKind(k) : catalog.Plugins;
        var suggestions = NameSuggester.Close(name, candidates.Select(p => p.Name));
        var didYouMean = suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
        var unusable = catalog.Problems.FirstOrDefault(p => p.PluginName == name) is { } problem
            ? $" A plugin of that name was found but cannot be used: {problem.Message}"
            : "";
        var what = kind is { } k2 ? PluginKinds.DisplayName(k2) : "plugin";
        var known = kind is { } k3 ? KnownOf(catalog, k3) : KnownByKind(catalog);
        return new PluginException($"Unknown {what} '{name}'.{didYouMean}{unusable} Known: {known}. {SeeList}");
    }

    public static PluginException WrongKind(PluginCatalog catalog, PluginDescriptor plugin, PluginKind wanted) =>
        new($"Plugin '{plugin.Name}' is a {PluginKinds.DisplayName(plugin.Kind)}, not a {PluginKinds.DisplayName(wanted)}. " +
            $"Known: {KnownOf(catalog, wanted)}. {SeeList}");

    public static PluginException SecondChoice(PluginCatalog catalog, PluginKind kind, string first, string second) =>
        new($"Two {PluginKinds.DisplayName(kind)}s selected: '{first}' and '{second}'. A run uses at most one " +
            $"{PluginKinds.DisplayName(kind)}; keep one --plugin of: {KnownOf(catalog, kind)}, or {PluginKinds.Token(kind)}={PluginNames.None}.");

    public static PluginException UnknownKind(string value) =>
        new($"Unknown plugin kind in '--plugin {value}'. Write NAME, or KIND=NAME with KIND one of: " +
            $"{string.Join(", ", PluginKinds.All.Select(PluginKinds.Token))}.");

    public static PluginException NoneOfAdditiveKind(PluginKind kind, string value) =>
        new($"'--plugin {value}' has no effect: {PluginKinds.DisplayName(kind)}s are only used when selected by name. Remove it.");

    private static string KnownOf(PluginCatalog catalog, PluginKind kind)
    {
        var names = catalog.OfKind(kind).Select(p => p.Name).ToArray();
        return $"{PluginKinds.PluralTitle(kind).ToLowerInvariant()}: {(names.Length == 0 ? "(none installed)" : string.Join(", ", names))}";
    }

    private static string KnownByKind(PluginCatalog catalog) =>
        string.Join("; ", PluginKinds.All.Select(k => KnownOf(catalog, k)));
}
