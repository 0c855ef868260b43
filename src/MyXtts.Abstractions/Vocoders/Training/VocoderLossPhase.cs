namespace MyXtts.Abstractions.Vocoders.Training;

/// <summary>The two optimizer steps of a GAN vocoder training step, in the order they run.</summary>
public enum VocoderLossPhase
{
    /// <summary>Discriminator step: verdicts on detached generated audio; only the discriminator is updated.</summary>
    Discriminator,

    /// <summary>Generator step: verdicts on generated audio with gradients; only the generator is updated.</summary>
    Generator,
}
