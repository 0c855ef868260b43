namespace MyXtts.Host.Configuration;

/// <summary>The raw entries of one source (defaults, a preset, a file, the environment, the flags), in reading order.</summary>
public sealed record ConfigLayer(string Description, IReadOnlyList<ConfigEntry> Entries);
