using TorchSharp;

namespace MyXtts.Abstractions.Training;

/// <summary>What an acoustic model's forward pass returns; loss terms read it.</summary>
public sealed record ModelOutputs
{
    /// <summary>[B, n_mels, T] mel before the postnet.</summary>
    public required torch.Tensor Mel { get; init; }
    /// <summary>[B, n_mels, T] mel after the postnet (equal to <see cref="Mel"/> when there is none).</summary>
    public required torch.Tensor MelPostnet { get; init; }
    /// <summary>Named auxiliary outputs (stop logits, alignments, durations, speaker embeddings...).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Aux { get; init; } = new Dictionary<string, torch.Tensor>();
}
