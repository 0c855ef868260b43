using MyXtts.Abstractions.Audio;
using TorchSharp;

namespace MyXtts.Abstractions.Vocoders;

/// <summary>Turns log-mel spectrograms (the project's one mel definition) into waveforms.</summary>
public interface IVocoder : IDisposable
{
    /// <summary>The mel definition the vocoder was trained on; the host refuses a mismatch with the acoustic model's.</summary>
    MelSettings Mel { get; }

    /// <summary>Loads weights (PyTorch or safetensors; strict key check; never executes code from the file).</summary>
    void LoadWeights(string path);

    /// <summary>[B, n_mels, frames] log-mel to [B, frames × hop] samples in [-1, 1], in the caller's dispose scope.</summary>
    torch.Tensor Synthesize(torch.Tensor logMel);
}
