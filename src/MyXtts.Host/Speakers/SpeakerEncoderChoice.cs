using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Configuration;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;

namespace MyXtts.Host.Speakers;

/// <summary>
/// Turns <c>model.speaker_encoder_type</c> (<c>--speaker-encoder-type</c>) into a plugin selection value, checked
/// against the catalog here so a bad name is reported with the key and where it was set.
/// </summary>
public static class SpeakerEncoderChoice
{
    /// <summary>The configuration key naming the encoder plugin.</summary>
    public const string TypeKey = "model.speaker_encoder_type";

    /// <summary>The configuration key naming the encoder's weights.</summary>
    public const string PathKey = "model.speaker_encoder_path";

    /// <summary>
    /// <c>speaker_encoder=NAME</c> for the configured encoder, or nothing when the key is at its default and
    /// <paramref name="pluginFlags"/> (the <c>--plugin</c> values) already choose a speaker encoder. Throws
    /// <see cref="PluginException"/> for a name that is not a speaker encoder plugin, with suggestions.
    /// </summary>
    public static IEnumerable<string> SelectionValues(EffectiveConfiguration configuration, PluginCatalog catalog, IEnumerable<string> pluginFlags)
    {
        var name = configuration.Settings.Model.SpeakerEncoderType;
        var source = configuration.Provenance.SourceOf(TypeKey);
        if (source.Kind == ConfigSourceKind.Default && pluginFlags.Any(v => ChoosesSpeakerEncoder(v, catalog))) return [];
        var plugin = catalog.Find(name);
        if (plugin is null)
            throw new PluginException($"{TypeKey} = '{name}' ({source}): {SelectionErrors.UnknownName(catalog, name, PluginKind.SpeakerEncoder).Message}");
        if (plugin.Kind != PluginKind.SpeakerEncoder)
            throw new PluginException($"{TypeKey} = '{name}' ({source}): {SelectionErrors.WrongKind(catalog, plugin, PluginKind.SpeakerEncoder).Message}");
        return [$"{PluginKinds.Token(PluginKind.SpeakerEncoder)}={name}"];
    }

    private static bool ChoosesSpeakerEncoder(string value, PluginCatalog catalog)
    {
        var kindPrefix = PluginKinds.Token(PluginKind.SpeakerEncoder) + "=";
        return value.StartsWith(kindPrefix, StringComparison.Ordinal) || catalog.Find(value.Trim())?.Kind == PluginKind.SpeakerEncoder;
    }
}
