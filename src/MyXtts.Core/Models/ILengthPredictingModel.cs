using static TorchSharp.torch;

namespace MyXtts.Core.Models;

/// <summary>
/// A model that fixes an utterance's length before decoding it (the non-autoregressive strategy, from its duration
/// predictor), so the length can be had without running the decoder. Measuring a voice's speaking rate from transcribed
/// clips needs only lengths; an autoregressive model learns its length by decoding and does not implement this.
/// </summary>
public interface ILengthPredictingModel
{
    /// <summary>
    /// The valid frames [B] that <see cref="MyXtts.Core.Training.ISynthesisModel.Synthesize"/> would return for the same
    /// arguments, without decoding, in the caller's dispose scope.
    /// </summary>
    Tensor PredictFrames(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths,
        double speed = 1.0, Tensor? styleWeights = null, IReadOnlyDictionary<string, Tensor>? conditioning = null);
}
