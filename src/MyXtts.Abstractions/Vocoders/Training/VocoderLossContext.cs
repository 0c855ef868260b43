using TorchSharp;

namespace MyXtts.Abstractions.Vocoders.Training;

/// <summary>
/// What a vocoder loss term sees. Audio is [B, 1, T]; mels are the host's loss mel (HiFi-GAN's: the run's mel with
/// fmax = sample_rate / 2) [B, n_mels, F] of the real and generated audio.
/// </summary>
/// <param name="RealAudio">The real segment.</param>
/// <param name="GeneratedAudio">The generator's output (detached in the discriminator phase).</param>
/// <param name="RealMel">Loss mel of <paramref name="RealAudio"/>.</param>
/// <param name="GeneratedMel">Loss mel of <paramref name="GeneratedAudio"/>; null in the discriminator phase, which does not need it.</param>
/// <param name="Verdicts">Every sub-discriminator's outputs for this phase.</param>
/// <param name="Phase">The step being computed.</param>
/// <param name="Step">The training step about to be taken.</param>
public sealed record VocoderLossContext(
    torch.Tensor RealAudio,
    torch.Tensor GeneratedAudio,
    torch.Tensor RealMel,
    torch.Tensor? GeneratedMel,
    IReadOnlyList<DiscriminatorVerdict> Verdicts,
    VocoderLossPhase Phase,
    long Step);
