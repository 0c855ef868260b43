using System.Text.Json;
using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Audio.Pitch;
using MyXtts.Core.Data.Cache;
using static TorchSharp.torch;

namespace MyXtts.Core.Data.Preparation;

/// <summary>
/// Audio file → <see cref="FeatureSet"/>: decode, resample, trim, normalise (the <see cref="AudioLoader"/> pipeline), then
/// the project's one log-mel, and (for training data) the frame-level F0 of <see cref="YinPitchTracker"/> on the same
/// frames, which the pitch predictor's targets come from. <see cref="FrontEndKey"/> names every parameter that changes
/// the result, so the feature cache invalidates itself when any of them changes. Thread-safe.
/// </summary>
public sealed class FeatureExtractor : IDisposable
{
    /// <summary>Bumped when the extraction code changes in a way the parameters do not show.</summary>
    /// Version 2 added the F0 track.
    private const int CodeVersion = 2;

    private readonly AudioLoader _loader;
    private readonly MelSpectrogram _mel;
    private readonly IOperationProfiler _profiler;
    private readonly YinPitchTracker? _pitch;

    /// <summary>
    /// Creates an extractor for <paramref name="mel"/>; the audio is resampled to the mel's rate. <paramref name="trackPitch"/>
    /// adds <see cref="FeatureSet.Pitch"/> (training data: the pitch targets; synthesis references do not need it).
    /// </summary>
    public FeatureExtractor(AudioLoadOptions audio, MelSettings mel, IOperationProfiler profiler, bool trackPitch = false)
    {
        if (audio.SampleRate != mel.SampleRate)
            throw new ArgumentException($"Audio is loaded at {audio.SampleRate} Hz but the mel expects {mel.SampleRate} Hz.", nameof(audio));
        _loader = new AudioLoader(audio);
        _mel = new MelSpectrogram(mel);
        _profiler = profiler;
        Mel = mel;
        if (trackPitch) _pitch = new YinPitchTracker(YinOptions.FramedLike(mel));
        FrontEndKey = JsonSerializer.Serialize(new { CodeVersion, mel, audio.Trim, audio.TargetLufs, audio.PeakCeiling, audio.Resampler, Pitch = _pitch?.Options });
    }

    /// <summary>The mel definition.</summary>
    public MelSettings Mel { get; }

    /// <summary>A string that changes whenever the features would.</summary>
    public string FrontEndKey { get; }

    /// <summary>True when features include <see cref="FeatureSet.Pitch"/>.</summary>
    public bool TracksPitch => _pitch is not null;

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
        var arrays = new Dictionary<string, (int[], float[])>();
        using (_profiler.ProfileOperation("mel"))
        {
            using var scope = NewDisposeScope();
            var mel = _mel.Compute(tensor(samples).unsqueeze(0))[0];   // [n_mels, frames]
            arrays[FeatureSet.Mel] = ([(int)mel.shape[0], (int)mel.shape[1]], mel.contiguous().data<float>().ToArray());
        }
        if (_pitch is not null)
        {
            using var _ = _profiler.ProfileOperation("pitch");
            arrays[FeatureSet.Pitch] = ([arrays[FeatureSet.Mel].Item1[1]], FitFrames(_pitch.Track(samples).F0, arrays[FeatureSet.Mel].Item1[1]));
        }
        return new FeatureSet { Samples = samples.Length, SourceSampleRate = sourceRate, Arrays = arrays };
    }

    /// <summary>The track cut or zero-padded (unvoiced) to the mel's frame count; YIN frames like the mel, so this only guards odd settings.</summary>
    private static float[] FitFrames(float[] f0, int frames)
    {
        if (f0.Length == frames) return f0;
        var fitted = new float[frames];
        Array.Copy(f0, fitted, Math.Min(frames, f0.Length));
        return fitted;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _loader.Dispose();
        _mel.Dispose();
    }
}
