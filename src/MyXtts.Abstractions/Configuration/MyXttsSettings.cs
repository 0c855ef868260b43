using Microsoft.Extensions.Configuration;

namespace MyXtts.Abstractions.Configuration;

/// <summary>
/// The whole typed configuration of a run. Sections and keys keep the original Python project's snake_case names
/// (<c>model.text_encoder_dim</c>, <c>training.learning_rate</c>); properties use .NET casing. A default-constructed
/// instance is the built-in default layer.
/// </summary>
public sealed record MyXttsSettings
{
    /// <summary>Architecture sizes and the mel definition (<c>model.*</c>).</summary>
    [ConfigurationKeyName("model")]
    public ModelSettings Model { get; init; } = new();

    /// <summary>Dataset location, splits, batching and audio options (<c>data.*</c>).</summary>
    [ConfigurationKeyName("data")]
    public DataSettings Data { get; init; } = new();

    /// <summary>Optimisation, schedule, loss weights and checkpointing (<c>training.*</c>).</summary>
    [ConfigurationKeyName("training")]
    public TrainingSettings Training { get; init; } = new();

    /// <summary>Device, threads, run folder and logging (<c>runtime.*</c>).</summary>
    [ConfigurationKeyName("runtime")]
    public RuntimeSettings Runtime { get; init; } = new();
}
