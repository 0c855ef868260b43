using MyXtts.Abstractions.Losses;

namespace MyXtts.Abstractions.Vocoders.Training;

/// <summary>
/// One weighted objective of GAN vocoder training (the sibling of <see cref="ILossTerm"/>, whose context is the acoustic
/// model's). The name comes from its <c>[Plugin]</c> attribute and the weight from <c>training:loss_weights:&lt;name&gt;</c>,
/// else <see cref="DefaultWeight"/>; values appear in logs and metrics as <c>&lt;name&gt;</c> and <c>w_&lt;name&gt;</c>.
/// </summary>
public interface IVocoderLossTerm
{
    /// <summary>Whose objective this is: the generator's or the discriminator's step.</summary>
    VocoderLossPhase Phase { get; }

    /// <summary>Weight used when the configuration names none (HiFi-GAN's mel L1: 45).</summary>
    double DefaultWeight => 1.0;

    /// <summary>The unweighted loss as a scalar tensor that carries gradients, in the caller's dispose scope.</summary>
    LossValue Compute(VocoderLossContext context);
}
