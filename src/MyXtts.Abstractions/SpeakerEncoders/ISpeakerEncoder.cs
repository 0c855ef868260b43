using TorchSharp;

namespace MyXtts.Abstractions.SpeakerEncoders;

/// <summary>A pretrained (or trainable) speaker encoder: waveforms in, one embedding per waveform out.</summary>
public interface ISpeakerEncoder : IDisposable
{
    /// <summary>Size of the embedding <see cref="Embed"/> returns.</summary>
    int EmbeddingDim { get; }

    /// <summary>The rate the encoder's front end expects; callers resample to it.</summary>
    int SampleRate { get; }

    /// <summary>
    /// Loads weights from a PyTorch (<c>.pth/.pt/.ckpt</c>) or <c>.safetensors</c> file. Strict: throws naming the
    /// file and the missing or unexpected keys. Never executes code from the file.
    /// </summary>
    void LoadWeights(string path);

    /// <summary>
    /// Embeds a padded batch: <paramref name="waveforms"/> [B, T] at <see cref="SampleRate"/>, <paramref name="lengths"/>
    /// [B] valid samples per row. Returns [B, EmbeddingDim] in the caller's dispose scope.
    /// </summary>
    torch.Tensor Embed(torch.Tensor waveforms, torch.Tensor lengths);
}
