using System.Text.Json;
using MyXtts.Abstractions.Audio;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Data.Cache;
using static TorchSharp.torch;

namespace MyXtts.Core.Data.Features;

/// <summary>
/// Computes an utterance's cached features: the audio front end (<see cref="AudioLoader"/>: decode, resample, trim,
/// loudness, peak protection) then the log-mel of <see cref="MelSpectrogram"/>, as [n_mels, frames]. Thread-safe.
/// <see cref="FrontEndKey"/> names every parameter that changes the result, so the feature cache rebuilds when one changes.
/// </summary>
public sealed class MelFeatureExtractor(AudioLoadOptions audio, MelSettings mel) : IDisposable
{
    private readonly AudioLoader _loader = new(audio);
    private readonly MelSpectrogram _mel = new(mel);

    /// <summary>Sample rate of the extracted audio.</summary>
    public int SampleRate => audio.SampleRate;

    /// <summary>The cache key of this front end (audio options and mel definition as JSON).</summary>
    public string FrontEndKey { get; } = "mel-v1:" + JsonSerializer.Serialize(new { audio.SampleRate, audio.Trim, audio.TargetLufs, audio.PeakCeiling, mel });

    /// <summary>The features of <paramref name="item"/>; an empty mel (0 frames) when the clip is silence only.</summary>
    public FeatureSet Extract(DatasetItem item)
    {
        var samples = _loader.Load(item.AudioPath);
        if (samples.Length == 0) return Features(samples.Length, [mel.NMels, 0], []);
        using var scope = NewDisposeScope();
        var logMel = _mel.Compute(tensor(samples));   // [n_mels, frames]
        return Features(samples.Length, [(int)logMel.shape[0], (int)logMel.shape[1]], logMel.contiguous().data<float>().ToArray());
    }

    private static FeatureSet Features(long samples, int[] shape, float[] data) =>
        new() { Samples = samples, Arrays = new Dictionary<string, (int[], float[])> { [FeatureSet.Mel] = (shape, data) } };

    public void Dispose()
    {
        _loader.Dispose();
        _mel.Dispose();
    }
}
