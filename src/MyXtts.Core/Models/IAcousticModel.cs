using MyXtts.Core.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Models;

/// <summary>
/// A text-to-mel model that can both train (teacher-forced <see cref="ITrainableModel.Forward"/>) and speak
/// (free-running <see cref="Synthesize"/>). Every decoder strategy implements it, so the trainer's validation samples,
/// <c>myxtts synthesize</c> and <see cref="Inference.SpeechSynthesizer"/> never look at the strategy.
/// </summary>
public interface IAcousticModel : ITrainableModel
{
    /// <summary>
    /// Tokens [B, L] (lengths [B]) spoken in the voice of <paramref name="referenceMel"/> [B, n_mels, T_ref] (log-mel,
    /// lengths [B]); <paramref name="speed"/> &gt; 1 speaks faster; <paramref name="styleWeights"/> [B, K] replaces the
    /// reference's style. Returns the log-mel [B, n_mels, T] and the valid frames [B], in the caller's dispose scope.
    /// </summary>
    (Tensor Mel, Tensor Lengths) Synthesize(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths,
        double speed = 1.0, Tensor? styleWeights = null);

    /// <summary>Style tokens the model has (0 without Global Style Tokens).</summary>
    long StyleTokenCount { get; }
}
