namespace MyXtts.Host.Configuration;

/// <summary>The winning raw value of one key after layering, and the layer it came from.</summary>
public sealed record EffectiveValue(string? Value, ConfigSource Source);
