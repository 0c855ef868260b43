using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Models;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// FastSpeech 2's energy loss: mean squared error between the predicted per-token energy and the target (mean log-mel
/// over bands, standardised per utterance, averaged over each token's aligned frames), over valid tokens. Reads
/// <c>Aux[energy_predicted]</c> and <c>Aux[energy_target]</c>, both [B, L]; applies only to models with an energy predictor.
/// </summary>
[Plugin(Name, Summary = "MSE on per-token standardised energy (built-in, non-autoregressive with model.use_energy_predictor)")]
public sealed class EnergyLoss() : TokenMseTerm(AcousticOutputKeys.EnergyPredicted, AcousticOutputKeys.EnergyTarget)
{
    /// <summary>The term's name; its weight is <c>training.loss_weights.energy_loss</c> (or the legacy <c>energy</c>).</summary>
    public const string Name = "energy_loss";
}
