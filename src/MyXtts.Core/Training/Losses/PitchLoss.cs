using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// FastSpeech 2's pitch loss: mean squared error between the predicted per-token pitch and the target (log-F0 standardised
/// per utterance, averaged over each token's aligned voiced frames), over valid tokens. Reads <c>Aux[pitch_predicted]</c>
/// and <c>Aux[pitch_target]</c>, both [B, L]; applies only to models with a pitch predictor.
/// </summary>
[Plugin(Name, Summary = "MSE on per-token standardised log-F0 (built-in, non-autoregressive with model.use_pitch_predictor)")]
public sealed class PitchLoss() : TokenMseTerm(AcousticOutputKeys.PitchPredicted, AcousticOutputKeys.PitchTarget)
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.pitch_loss</c> (or the legacy <c>pitch</c>).</summary>
    public const string Name = "pitch_loss";
}
