using TorchSharp;

namespace MyXtts.Abstractions.SpeakerEncoders;

/// <summary>
/// A speaker encoder whose network can be fine-tuned with the acoustic model (<c>--unfreeze-speaker-encoder</c>). Optional:
/// the host probes for it with <c>is</c>; an encoder without it can only be used frozen.
/// </summary>
public interface ITrainableSpeakerEncoder : ISpeakerEncoder
{
    /// <summary>
    /// The network <see cref="ISpeakerEncoder.Embed"/> runs, available once <see cref="ISpeakerEncoder.LoadWeights"/> has
    /// run. Its parameters are what fine-tuning trains (gradients flow through <see cref="ISpeakerEncoder.Embed"/> unless
    /// the caller disables them), and its state dict, saved as a <c>.safetensors</c> file, loads back with
    /// <see cref="ISpeakerEncoder.LoadWeights"/>. Callers keep it in eval mode (fixed batch-norm statistics, no dropout).
    /// </summary>
    torch.nn.Module Module { get; }

    /// <summary>
    /// What the encoder needs besides <see cref="Module"/>'s tensors to rebuild itself from a saved copy (Coqui: its audio
    /// config). The host stores it as the copy's safetensors metadata, which <see cref="ISpeakerEncoder.LoadWeights"/>
    /// reads back. Empty (the default) for encoders whose tensors say everything.
    /// </summary>
    IReadOnlyDictionary<string, string> CopyMetadata => new Dictionary<string, string>();
}
