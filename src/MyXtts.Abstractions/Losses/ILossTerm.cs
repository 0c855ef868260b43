using TorchSharp;

namespace MyXtts.Abstractions.Losses;

/// <summary>
/// One weighted training objective. The name comes from its <c>[Plugin]</c> attribute and the weight from
/// configuration (<c>training:loss_weights:&lt;name&gt;</c>), so built-in and third-party terms are configured alike.
/// </summary>
public interface ILossTerm
{
    /// <summary>False when this term has nothing to measure for this model or batch (e.g. a stop loss on a non-autoregressive decoder).</summary>
    bool AppliesTo(LossContext context) => true;

    /// <summary>The unweighted loss as a scalar tensor that carries gradients, plus optional extra metrics.</summary>
    LossValue Compute(LossContext context);
}
