using System.Collections.Concurrent;
using MyXtts.Core.Audio;
using MyXtts.Core.Data.Cache;
using MyXtts.Core.Data.Preparation;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// Stage-2 clips from a prepared dataset split: the mel from the feature store (the disk cache in precompute mode) and
/// the waveform from the same audio pipeline that produced it (decode, resample, trim, normalise), so samples and mel
/// frames line up exactly. Waveforms are kept in memory up to <paramref name="maxCachedSamples"/> in all, then re-read.
/// </summary>
public sealed class DatasetClipSource(PreparedDataset dataset, AudioLoader audio, long maxCachedSamples = DatasetClipSource.DefaultCachedSamples) : IVocoderClipSource
{
    /// <summary>About 1 GiB of float samples: a small corpus stays in memory, a large one is re-read from disk.</summary>
    public const long DefaultCachedSamples = 1L << 28;

    private readonly ConcurrentDictionary<int, float[]> _waveforms = new();
    private long _cachedSamples;

    /// <inheritdoc />
    public int Count => dataset.Count;

    /// <inheritdoc />
    public VocoderClip Get(int index)
    {
        var features = dataset.Features(index);
        var (shape, mel) = features.Arrays[FeatureSet.Mel];
        var waveform = Waveform(index, features.Samples);
        return new VocoderClip(dataset.Id(index), waveform, mel, shape[0], shape[1]);
    }

    private float[] Waveform(int index, long expectedSamples)
    {
        if (_waveforms.TryGetValue(index, out var cached)) return cached;
        var item = dataset.Items[index];
        var samples = audio.Load(item.AudioPath);
        if (samples.Length != expectedSamples)
            throw new InvalidDataException(
                $"'{item.AudioPath}' ({item.Source}) now gives {samples.Length} samples but its cached mel was computed from {expectedSamples}. " +
                "The file or the audio settings changed since the cache was written; run 'myxtts dataset preprocess' again or clear data.cache_dir.");
        if (Interlocked.Add(ref _cachedSamples, samples.Length) <= maxCachedSamples) _waveforms[index] = samples;
        else Interlocked.Add(ref _cachedSamples, -samples.Length);
        return samples;
    }
}
