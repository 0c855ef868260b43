using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// A model that speaks without a target: free-running synthesis from tokens and a reference voice. The trainer uses it
/// for validation samples; a model without it gets teacher-forced samples only.
/// </summary>
public interface ISynthesisModel
{
    /// <summary>
    /// Tokens [B, L] (lengths [B]) in the voice of <paramref name="referenceMel"/> [B, n_mels, T_ref] (lengths [B]);
    /// returns the log-mel [B, n_mels, T] and valid frames [B], in the caller's dispose scope. <paramref name="conditioning"/>
    /// carries the extra voice inputs a model trained with a pretrained speaker encoder reads (<c>ConditioningKeys</c>).
    /// </summary>
    (Tensor Mel, Tensor Lengths) Synthesize(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths,
        double speed = 1.0, Tensor? styleWeights = null, IReadOnlyDictionary<string, Tensor>? conditioning = null);
}
