using TorchSharp;

namespace MyXtts.Abstractions.Vocoders.Training;

/// <summary>
/// A GAN vocoder's trainable parts. The host owns the two optimizers (one per module), the losses and the checkpoints;
/// the plugin says how to generate, how to discriminate and how to write generator weights its vocoder can load.
/// </summary>
public interface IVocoderTrainingModel : IDisposable
{
    /// <summary>One line naming the architecture and its size (logged, stored in checkpoints).</summary>
    string Description { get; }

    /// <summary>The generator; its state dict is checkpointed and its parameters get the generator optimizer.</summary>
    torch.nn.Module Generator { get; }

    /// <summary>Every discriminator in one module; its state dict is checkpointed and its parameters get the discriminator optimizer.</summary>
    torch.nn.Module Discriminator { get; }

    /// <summary>[B, n_mels, F] log-mel → [B, 1, F · hop] audio, with gradients, in the caller's dispose scope.</summary>
    torch.Tensor Generate(torch.Tensor logMel);

    /// <summary>Every sub-discriminator on <paramref name="real"/> and <paramref name="generated"/> audio [B, 1, T], in the caller's dispose scope.</summary>
    IReadOnlyList<DiscriminatorVerdict> Discriminate(torch.Tensor real, torch.Tensor generated);

    /// <summary>
    /// Writes the generator's weights to <paramref name="path"/> in a form the plugin's <see cref="IVocoder.LoadWeights"/>
    /// reads, plus any companion file it needs in the same folder (hifigan: config.json). Atomic per file.
    /// </summary>
    void ExportGenerator(string path);
}
