using MyXtts.Core.Audio.Processing;
using MyXtts.Core.Audio.Resampling;

namespace MyXtts.Core.Audio;

/// <summary>
/// The audio front end for datasets: decode (any format <see cref="AudioFileReader"/> reads), downmix to mono, resample
/// to the configured rate, trim silence, normalise loudness, protect peaks. Decoding failures surface as
/// <see cref="AudioFormatException"/> so the caller can skip and count the clip. Thread-safe.
/// </summary>
public sealed class AudioLoader : IDisposable
{
    private readonly SincResampler _resampler;

    /// <summary>Creates a loader; the options are validated here.</summary>
    public AudioLoader(AudioLoadOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleRate, 1, nameof(options.SampleRate));
        options.Trim?.Validate();
        Options = options;
        _resampler = new SincResampler(options.Resampler);
    }

    /// <summary>The pipeline settings.</summary>
    public AudioLoadOptions Options { get; }

    /// <summary>Mono float32 samples at <see cref="AudioLoadOptions.SampleRate"/>; empty when trimming found only silence.</summary>
    public float[] Load(string path)
    {
        var (mono, rate) = AudioFileReader.ReadMono(path);
        return Process(mono, rate);
    }

    /// <summary>Runs the post-decoding steps on mono <paramref name="samples"/> at <paramref name="sampleRate"/>.</summary>
    public float[] Process(float[] samples, int sampleRate)
    {
        var audio = _resampler.Resample(samples, sampleRate, Options.SampleRate);
        if (Options.Trim is not null) audio = SilenceTrimmer.Trim(audio, Options.Trim);
        if (Options.TargetLufs is { } lufs) LoudnessNormalizer.Apply(audio, Options.SampleRate, lufs);
        if (Options.PeakCeiling is { } ceiling) PeakProtection.Apply(audio, ceiling);
        return audio;
    }

    /// <summary>Frees the resampler's cached kernels.</summary>
    public void Dispose() => _resampler.Dispose();
}
