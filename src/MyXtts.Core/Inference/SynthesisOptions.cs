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

    /// <summary>
    /// Seed of torch's generator for this request, so the same text and voice always give the same audio (the
    /// autoregressive decoder keeps prenet dropout on while speaking, as Tacotron does). Null leaves the generator alone.
    /// </summary>
    public long? Seed { get; init; } = 0;
}
