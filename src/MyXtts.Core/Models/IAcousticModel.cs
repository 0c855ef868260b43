using MyXtts.Core.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Models;

/// <summary>
/// An acoustic model of either decoder strategy (<see cref="AcousticModels.Create(MyXtts.Abstractions.Configuration.ModelSettings, int)"/>):
/// trainable, and able to synthesise a log-mel from tokens in the voice of a reference mel. Not safe to call from two
/// threads at once (TorchSharp modules are not).
/// </summary>
public interface IAcousticModel : ITrainableModel
{
    /// <summary>The options the model was built from.</summary>
    AcousticModelOptions Options { get; }

    /// <summary>The style tokens, when the model has them (0 otherwise).</summary>
    long StyleTokenCount { get; }

    /// <summary>
    /// Inference: tokens [B, L] (lengths [B]) spoken in the voice of <paramref name="referenceMel"/> [B, n_mels, T_ref]
    /// (log-mel, lengths [B]); <paramref name="speed"/> &gt; 1 speaks faster; <paramref name="styleWeights"/> [B, K]
    /// replaces the reference's style with explicit token weights. Returns the log-mel [B, n_mels, T] (after the
    /// postnet) and the valid frames [B]. Runs in eval mode without gradients and restores the mode.
    /// </summary>
    (Tensor Mel, Tensor Lengths) Synthesize(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths,
        double speed = 1.0, Tensor? styleWeights = null);
}
