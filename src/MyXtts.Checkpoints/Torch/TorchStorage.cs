using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Torch;

/// <summary>One PyTorch storage of a checkpoint: a flat 1-D CPU tensor that tensors of the file view into.</summary>
/// <param name="Key">The storage key in the file (zip entry <c>data/&lt;key&gt;</c>, or the legacy key).</param>
/// <param name="Data">The elements, 1-D.</param>
public sealed record TorchStorage(string Key, Tensor Data)
{
    /// <summary>Number of elements.</summary>
    public long Count => Data.shape[0];
}
