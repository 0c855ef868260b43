namespace MyXtts.Host.Configuration;

/// <summary>The layers a value can come from, lowest precedence first.</summary>
public enum ConfigSourceKind { Default, Preset, File, Environment, Flag }

/// <summary>Where one configuration value came from: a layer and the file, variable or flag inside it.</summary>
public sealed record ConfigSource(ConfigSourceKind Kind, string Name, int? Line = null)
{
    /// <summary>The built-in defaults (a default-constructed <c>MyXttsSettings</c>).</summary>
    public static ConfigSource Default { get; } = new(ConfigSourceKind.Default, "default");

    public override string ToString() => Kind switch
    {
        ConfigSourceKind.Default => "default",
        ConfigSourceKind.Preset => $"preset {Name}",
        ConfigSourceKind.File => Line is null ? $"file {Name}" : $"file {Name}:{Line}",
        ConfigSourceKind.Environment => $"env {Name}",
        _ => $"flag {Name}",
    };
}

/// <summary>One raw key/value as read from a layer. Keys use ':' between sections and are compared ignoring case.</summary>
public sealed record ConfigEntry(string Key, string? Value, ConfigSource Source);
