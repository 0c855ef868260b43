namespace MyXtts.Core.Inference;

/// <summary>Per-request synthesis controls.</summary>
public sealed record SynthesisOptions
{
    /// <summary>Speaking rate: 1 as the voice speaks, 1.25 is 25 % faster, 0.8 slower. Must be positive.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>
    /// Explicit Global Style Token weights (one per token) instead of the style the reference gives; null uses the
    /// reference. Only for models trained with style tokens (<c>model.use_gst</c>).
    /// </summary>
    public IReadOnlyList<float>? StyleWeights { get; init; }
}
