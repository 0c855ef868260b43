using System.Text.Json;
using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Data.Cache;
using static TorchSharp.torch;

namespace MyXtts.Core.Data.Preparation;

/// <summary>
/// Audio file → <see cref="FeatureSet"/>: decode, resample, trim, normalise (the <see cref="AudioLoader"/> pipeline), then
/// the project's one log-mel. <see cref="FrontEndKey"/> names every parameter that changes the result, so the feature
/// cache invalidates itself when any of them changes. Thread-safe.
/// </summary>
public sealed class FeatureExtractor : IDisposable
{
    /// <summary>Bumped when the extraction code changes in a way the parameters do not show.</summary>
    private const int CodeVersion = 1;

    private readonly AudioLoader _loader;
    private readonly MelSpectrogram _mel;
    private readonly IOperationProfiler _profiler;

    /// <summary>Creates an extractor for <paramref name="mel"/>; the audio is resampled to the mel's rate.</summary>
    public FeatureExtractor(AudioLoadOptions audio, MelSettings mel, IOperationProfiler profiler)
    {
        if (audio.SampleRate != mel.SampleRate)
            throw new ArgumentException($"Audio is loaded at {audio.SampleRate} Hz but the mel expects {mel.SampleRate} Hz.", nameof(audio));
        _loader = new AudioLoader(audio);
        _mel = new MelSpectrogram(mel);
        _profiler = profiler;
        Mel = mel;
        FrontEndKey = JsonSerializer.Serialize(new { CodeVersion, mel, audio.Trim, audio.TargetLufs, audio.PeakCeiling, audio.Resampler });
    }

    /// <summary>The mel definition.</summary>
    public MelSettings Mel { get; }

    /// <summary>A string that changes whenever the features would.</summary>
    public string FrontEndKey { get; }

    /// <summary>Features of the audio at <paramref name="path"/>.</summary>
    /// <exception cref="AudioFormatException">The file cannot be decoded, or holds nothing but silence.</exception>
    public FeatureSet Extract(string path)
    {
        float[] samples;
        int sourceRate;
        using (_profiler.ProfileOperation("load_audio"))
        {
            (samples, sourceRate) = AudioFileReader.ReadMono(path);
            samples = _loader.Process(samples, sourceRate);
        }
        if (samples.Length < Mel.WinLength)
            throw new AudioFormatException(path, AudioErrorKind.NoAudioData, samples.Length == 0 ? "nothing but silence after trimming" : $"only {samples.Length} samples after trimming");
        using var _ = _profiler.ProfileOperation("mel");
        using var scope = NewDisposeScope();
        var mel = _mel.Compute(tensor(samples).unsqueeze(0))[0];   // [n_mels, frames]
        var data = mel.contiguous().data<float>().ToArray();
        return new FeatureSet
        {
            Samples = samples.Length,
            SourceSampleRate = sourceRate,
            Arrays = new Dictionary<string, (int[], float[])> { [FeatureSet.Mel] = ([(int)mel.shape[0], (int)mel.shape[1]], data) },
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _loader.Dispose();
        _mel.Dispose();
    }
}
