using System.Text.Json.Serialization;
using MyXtts.Abstractions.Audio;
using MyXtts.Core.Runtime;
using MyXtts.Core.Text;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// The JSON part of a checkpoint: progress, loss-scaler state, what the model and data were (for compatibility checks)
/// and the full resolved configuration. Tensors (model, optimizer, RNG) are separate binary sections.
/// </summary>
public sealed record CheckpointManifest
{
    /// <summary>Version of this layout.</summary>
    public int Format { get; init; } = 1;
    public required TrainingProgress Progress { get; init; }
    public required LossScalerState LossScaler { get; init; }
    /// <summary>The schedule's description; the schedule itself is a function of <see cref="TrainingProgress.Step"/>.</summary>
    public required string Scheduler { get; init; }
    public required string Optimizer { get; init; }
    public required string Model { get; init; }
    /// <summary>Parameter and buffer shapes by state-dict key (a different model size fails naming the first difference).</summary>
    public required IReadOnlyDictionary<string, long[]> Shapes { get; init; }
    /// <summary>The resolved configuration (<c>config.resolved.json</c>) of the run that wrote it.</summary>
    public string? Configuration { get; init; }
    public TokenizerDefinition? Tokenizer { get; init; }
    public MelSettings? Mel { get; init; }
    /// <summary>MyXtts version (assembly informational version) that wrote the checkpoint.</summary>
    public required string CodeVersion { get; init; }
    /// <summary>The pretrained speaker encoder the model is conditioned on (or the fallback that was used); null without one.</summary>
    public SpeakerEncoderRecord? SpeakerEncoder { get; init; }
    /// <summary>Validation loss of the epoch that wrote it, when it was written after a validation.</summary>
    public double? ValidationLoss { get; init; }
    [JsonIgnore] public string? Path { get; init; }
}
