using MyXtts.Abstractions.Plugins;

namespace MyXtts.Host.Plugins.Selection;

/// <summary>
/// The plugins a run uses: at most one speaker encoder, vocoder and profiler, any number of loss terms and metrics
/// sinks. Built by <see cref="Parse"/> from <c>--plugin</c> values, so every name is known and no exclusive kind is
/// chosen twice.
/// </summary>
public sealed class PluginSelection
{
    internal PluginSelection(IReadOnlyList<PluginDescriptor> plugins, IReadOnlySet<PluginKind> explicitlyNone)
    {
        Plugins = plugins;
        ExplicitlyNone = explicitlyNone;
    }

    /// <summary>Nothing selected: every exclusive kind falls back to its null object.</summary>
    public static PluginSelection Empty { get; } = new([], new HashSet<PluginKind>());

    /// <summary>The selected plugins, in the order they were asked for.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins { get; }

    /// <summary>
    /// Exclusive kinds set to <c>none</c> on purpose. Same effect as not choosing, but a default from configuration
    /// must not fill them.
    /// </summary>
    public IReadOnlySet<PluginKind> ExplicitlyNone { get; }

    /// <summary>The selected plugin of an exclusive kind, or null for none.</summary>
    public PluginDescriptor? Single(PluginKind kind) => Plugins.SingleOrDefault(p => p.Kind == kind);

    /// <summary>The selected plugins of one kind, in selection order.</summary>
    public IReadOnlyList<PluginDescriptor> OfKind(PluginKind kind) => Plugins.Where(p => p.Kind == kind).ToArray();

    /// <summary>A selection of exactly these plugins (e.g. to probe one). Throws when an exclusive kind repeats.</summary>
    public static PluginSelection Of(params PluginDescriptor[] plugins)
    {
        var repeated = plugins.DistinctBy(p => p.Name).GroupBy(p => p.Kind).FirstOrDefault(g => PluginKinds.IsExclusive(g.Key) && g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"At most one {PluginKinds.DisplayName(repeated.Key)} per selection: {string.Join(", ", repeated.Select(p => p.Name))}.", nameof(plugins));
        return new PluginSelection(plugins.DistinctBy(p => p.Name).ToArray(), new HashSet<PluginKind>());
    }

    /// <summary>
    /// Resolves <c>--plugin</c> values against <paramref name="catalog"/>. A value is a plugin name (its kind is
    /// inferred), <c>KIND=NAME</c> to state the kind (<c>profiler=none</c>), or <c>none</c> for "no speaker encoder,
    /// vocoder or profiler" (a kind another value chooses keeps that choice). Throws <see cref="PluginException"/>
    /// naming the valid choices for an unknown name or a second choice of an exclusive kind.
    /// </summary>
    public static PluginSelection Parse(IEnumerable<string> values, PluginCatalog catalog) =>
        new PluginSelectionParser(catalog).Parse(values);
}
