using TorchSharp;

namespace MyXtts.Abstractions.Training;

/// <summary>
/// One padded training batch, as the data pipeline produces it. Shapes: B = batch, L = tokens, T = mel frames.
/// Masks are boolean and true on valid positions.
/// </summary>
public sealed record TrainingBatch
{
    /// <summary>Utterance ids, in batch order.</summary>
    public required IReadOnlyList<string> Ids { get; init; }
    /// <summary>[B, L] int64 token ids, padded with the tokenizer's pad id.</summary>
    public required torch.Tensor Tokens { get; init; }
    /// <summary>[B] int64 valid tokens per row.</summary>
    public required torch.Tensor TokenLengths { get; init; }
    /// <summary>[B, n_mels, T] float log-mel targets.</summary>
    public required torch.Tensor Mel { get; init; }
    /// <summary>[B] int64 valid frames per row.</summary>
    public required torch.Tensor MelLengths { get; init; }
    /// <summary>[B] int64 speaker index into the dataset's speaker list.</summary>
    public required torch.Tensor SpeakerIds { get; init; }
    /// <summary>[B, n_mels, T_ref] log-mel of another utterance of the same speaker (voice conditioning).</summary>
    public required torch.Tensor ReferenceMel { get; init; }
    /// <summary>[B] int64 valid reference frames per row.</summary>
    public required torch.Tensor ReferenceMelLengths { get; init; }
    /// <summary>Anything a model or loss needs beyond the named fields (pitch, energy, reference waveform...).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Extra { get; init; } = new Dictionary<string, torch.Tensor>();
}
