namespace MyXtts.Checkpoints.Modules;

/// <summary>How to find a module's weights in a checkpoint.</summary>
public sealed record WeightLoadOptions
{
    /// <summary>
    /// Keys of the wrapper dict that may hold the state dict, tried in order when the top level is not one
    /// (Resemblyzer <c>model_state</c>, Coqui <c>model</c>, HiFi-GAN <c>generator</c>).
    /// </summary>
    public IReadOnlyList<string> WrapperKeys { get; init; } = [];

    /// <summary>
    /// Only keys starting with this prefix are used, with the prefix removed (XTTS keeps its vocoder under
    /// <c>waveform_decoder.</c>); other keys are ignored rather than reported as unexpected. Null: all keys.
    /// </summary>
    public string? KeyPrefix { get; init; }

    /// <summary>File keys that are deliberately not loaded (e.g. training-only parameters), never reported as unexpected.</summary>
    public IReadOnlySet<string> IgnoredKeys { get; init; } = new HashSet<string>();
}
