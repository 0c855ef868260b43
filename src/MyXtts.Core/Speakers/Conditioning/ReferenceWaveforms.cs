using MyXtts.Core.Data;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Models;
using static TorchSharp.torch;

namespace MyXtts.Core.Speakers.Conditioning;

/// <summary>
/// The reference clips themselves, at the encoder's rate, for a fine-tuned encoder that runs inside the training step:
/// batches get <see cref="ConditioningKeys.ReferenceWaveform"/> [B, T] (zero-padded) and its lengths [B]. Each clip is
/// decoded as <c>myxtts embed</c> reads it, then cut to at most <paramref name="maxSeconds"/> (the reference length the
/// mel side sees, <c>data.reference_audio_length</c>) from an offset that depends only on the seed, the epoch and the
/// clip, so every step costs the encoder the same bounded work and a resumed run sees the same crops. Only the crop is
/// resampled. Nothing is kept in memory between batches: a dataset's audio would not fit.
/// </summary>
/// <param name="maxSeconds">Longest reference in seconds; 0 or less keeps whole clips.</param>
public sealed class ReferenceWaveforms(IReadOnlyList<DatasetItem> items, int sampleRate, double maxSeconds, int seed) : IReferenceConditioning, IDisposable
{
    private readonly SpeakerClipLoader _loader = new();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> For(IReadOnlyList<int> referenceIndices, int epoch)
    {
        var clips = referenceIndices.Select(i => _loader.Resample(Crop(SpeakerClipLoader.Decode(items[i].AudioPath), i, epoch), sampleRate).Samples).ToArray();
        var (waveforms, lengths) = PaddedWaveforms.Build(clips);
        return new Dictionary<string, Tensor> { [ConditioningKeys.ReferenceWaveform] = waveforms, [ConditioningKeys.ReferenceWaveformLengths] = lengths };
    }

    /// <summary>At most <c>maxSeconds</c> of <paramref name="clip"/> (at its own rate), from a deterministic offset.</summary>
    internal SpeakerClip Crop(SpeakerClip clip, int index, int epoch)
    {
        var keep = maxSeconds > 0 ? Math.Max(1, (int)(maxSeconds * clip.SampleRate)) : int.MaxValue;
        if (clip.Samples.Length <= keep) return clip;
        var start = (int)(StableRandom.Mix((ulong)(uint)seed, (ulong)(uint)epoch, (ulong)(uint)index, 0xA7) % (ulong)(clip.Samples.Length - keep + 1));
        return clip with { Samples = clip.Samples.AsSpan(start, keep).ToArray() };
    }

    /// <summary>Frees the resampler's kernels.</summary>
    public void Dispose() => _loader.Dispose();
}
