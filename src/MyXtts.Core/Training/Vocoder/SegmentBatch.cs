using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>A stage-2 training batch: real audio [B, 1, segment] and the generator's input mel [B, n_mels, segment / hop].</summary>
public sealed record SegmentBatch(Tensor Audio, Tensor Mel) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Audio.Dispose();
        Mel.Dispose();
    }
}
