using MyXtts.Core.Data;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Models;
using static TorchSharp.torch;

namespace MyXtts.Core.Speakers.Conditioning;

/// <summary>
/// The reference clips themselves, at the encoder's rate, for a fine-tuned encoder that runs inside the training step:
/// batches get <see cref="ConditioningKeys.ReferenceWaveform"/> [B, T] (zero-padded) and its lengths [B]. Whole clips,
/// decoded as <c>myxtts embed</c> reads them, for every batch (nothing is kept in memory: a dataset's audio would not fit).
/// </summary>
public sealed class ReferenceWaveforms(IReadOnlyList<DatasetItem> items, int sampleRate) : IReferenceConditioning, IDisposable
{
    private readonly SpeakerClipLoader _loader = new();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> For(IReadOnlyList<int> referenceIndices)
    {
        var clips = referenceIndices.Select(i => _loader.Resample(SpeakerClipLoader.Decode(items[i].AudioPath), sampleRate).Samples).ToArray();
        var (waveforms, lengths) = PaddedWaveforms.Build(clips);
        return new Dictionary<string, Tensor> { [ConditioningKeys.ReferenceWaveform] = waveforms, [ConditioningKeys.ReferenceWaveformLengths] = lengths };
    }

    /// <summary>Frees the resampler's kernels.</summary>
    public void Dispose() => _loader.Dispose();
}
