using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Configuration;

/// <summary>The validated configuration of a run: raw (<see cref="Root"/>), typed (<see cref="Settings"/>) and where each value came from.</summary>
public sealed class EffectiveConfiguration(IConfigurationRoot root, MyXttsSettings settings, ConfigProvenance provenance, IReadOnlyList<string> layers)
{
    /// <summary>All effective keys, including pass-through sections such as <c>plugins:&lt;name&gt;:*</c> for plugin options.</summary>
    public IConfigurationRoot Root { get; } = root;

    public MyXttsSettings Settings { get; } = settings;

    public ConfigProvenance Provenance { get; } = provenance;

    /// <summary>The layers used, lowest precedence first (e.g. "defaults", "preset tiny", "file run.json", "environment", "flags").</summary>
    public IReadOnlyList<string> Layers { get; } = layers;
}
