using MyXtts.Abstractions.Plugins;

namespace MyXtts.Host.Plugins.Selection;

/// <summary>Turns <c>--plugin</c> values into a <see cref="PluginSelection"/>; see <see cref="PluginSelection.Parse"/>.</summary>
internal sealed class PluginSelectionParser(PluginCatalog catalog)
{
    private readonly List<PluginDescriptor> _chosen = [];
    private readonly Dictionary<PluginKind, string> _exclusiveChoices = [];
    private bool _noneForUnchosen;

    public PluginSelection Parse(IEnumerable<string> values)
    {
        foreach (var value in values.Select(v => v.Trim()).Where(v => v.Length > 0)) Add(value);
        var none = _exclusiveChoices.Where(c => c.Value == PluginNames.None).Select(c => c.Key).ToHashSet();
        if (_noneForUnchosen)
            none.UnionWith(PluginKinds.All.Where(k => PluginKinds.IsExclusive(k) && !_exclusiveChoices.ContainsKey(k)));
        return new PluginSelection(_chosen.ToArray(), none);
    }

    private void Add(string value)
    {
        var equals = value.IndexOf('=');
        if (equals < 0)
        {
            if (value == PluginNames.None) _noneForUnchosen = true;
            else Choose(catalog.Find(value) ?? throw SelectionErrors.UnknownName(catalog, value));
            return;
        }
        var kind = PluginKinds.FromToken(value[..equals]) ?? throw SelectionErrors.UnknownKind(value);
        var name = value[(equals + 1)..];
        if (name == PluginNames.None)
        {
            if (!PluginKinds.IsExclusive(kind)) throw SelectionErrors.NoneOfAdditiveKind(kind, value);
            Claim(kind, name);
            return;
        }
        var plugin = catalog.Find(name) ?? throw SelectionErrors.UnknownName(catalog, name, kind);
        if (plugin.Kind != kind) throw SelectionErrors.WrongKind(catalog, plugin, kind);
        Choose(plugin);
    }

    private void Choose(PluginDescriptor plugin)
    {
        if (_chosen.Contains(plugin)) return;
        if (PluginKinds.IsExclusive(plugin.Kind)) Claim(plugin.Kind, plugin.Name);
        _chosen.Add(plugin);
    }

    private void Claim(PluginKind kind, string name)
    {
        if (_exclusiveChoices.TryGetValue(kind, out var earlier) && earlier != name)
            throw SelectionErrors.SecondChoice(catalog, kind, earlier, name);
        _exclusiveChoices[kind] = name;
    }
}
