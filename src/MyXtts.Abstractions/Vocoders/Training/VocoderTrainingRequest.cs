namespace MyXtts.Abstractions.Vocoders.Training;

/// <summary>What the host asks of a trainable vocoder beyond its own options.</summary>
public sealed record VocoderTrainingRequest
{
    /// <summary>Architecture: a name the plugin knows (hifigan: V1, V2, V3) or a config file path; null keeps the plugin's configured one.</summary>
    public string? Config { get; init; }

    /// <summary>Generator weights to fine-tune from (a published checkpoint or a file written by <see cref="IVocoderTrainingModel.ExportGenerator"/>); null starts from random weights.</summary>
    public string? PretrainedGenerator { get; init; }
}
