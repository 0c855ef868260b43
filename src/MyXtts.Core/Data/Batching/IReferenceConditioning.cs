using static TorchSharp.torch;

namespace MyXtts.Core.Data.Batching;

/// <summary>
/// What a batch carries for each row's reference utterance besides its mel: the pretrained speaker inputs
/// (<c>ConditioningKeys</c>), added to <c>TrainingBatch.Extra</c> by the <see cref="BatchCollator"/>. Must be thread-safe.
/// </summary>
public interface IReferenceConditioning
{
    /// <summary>
    /// Tensors for the references <paramref name="referenceIndices"/> (one per batch row, indices into the split), in the
    /// caller's dispose scope. <paramref name="epoch"/> lets random crops differ between epochs and repeat on resume.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> For(IReadOnlyList<int> referenceIndices, int epoch);
}
