using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders.Training;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Losses.Terms;

/// <summary>train.py's mel term: L1 between the loss mels of real and generated audio, weight 45 unless configured.</summary>
[Plugin("vocoder_mel_loss", Summary = "Mel L1 between real and generated audio, default weight 45 (stage 2)")]
public sealed class VocoderMelLoss : IVocoderLossTerm
{
    /// <inheritdoc />
    public VocoderLossPhase Phase => VocoderLossPhase.Generator;

    /// <inheritdoc />
    public double DefaultWeight => MelReconstructionLoss.DefaultWeight;

    /// <inheritdoc />
    public LossValue Compute(VocoderLossContext context) =>
        new(MelReconstructionLoss.L1(context.RealMel, context.GeneratedMel
            ?? throw new InvalidOperationException("vocoder_mel_loss needs the generated audio's mel, which the host gives in the generator phase only.")));
}
