namespace MyXtts.Host.Configuration;

/// <summary>Where each effective key came from. Keys use ':' (<c>training:learning_rate</c>) or '.'; case is ignored.</summary>
public sealed class ConfigProvenance(IReadOnlyDictionary<string, EffectiveValue> values)
{
    public IReadOnlyDictionary<string, EffectiveValue> Values { get; } = values;

    /// <summary>The source of a key; for a list, of its first element; unknown keys report the defaults.</summary>
    public ConfigSource SourceOf(string key)
    {
        key = key.Replace('.', ':');
        if (Values.TryGetValue(key, out var value) || Values.TryGetValue(key + ":0", out value)) return value.Source;
        return ConfigSource.Default;
    }
}
