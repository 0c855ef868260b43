using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Resampling;

namespace MyXtts.Core.Speakers;

/// <summary>
/// Reads clips for a speaker encoder: any format <see cref="AudioFileReader"/> decodes, channels averaged, resampled
/// with <see cref="SincResampler"/> to the encoder's rate. No trimming or loudness change: the encoders apply their own
/// level normalisation, and comparing clips should see them as recorded.
/// </summary>
public sealed class SpeakerClipLoader(int sampleRate) : IDisposable
{
    private readonly SincResampler _resampler = new();

    /// <summary>The rate every loaded clip has.</summary>
    public int SampleRate { get; } = sampleRate > 0 ? sampleRate
        : throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The speaker encoder's sample rate must be positive.");

    /// <summary>
    /// Decodes and resamples <paramref name="path"/>. Throws <see cref="AudioFormatException"/> naming the file and the
    /// cause when it cannot be decoded or holds no samples.
    /// </summary>
    public SpeakerClip Load(string path)
    {
        var (mono, rate) = AudioFileReader.ReadMono(path);
        if (mono.Length == 0) throw new AudioFormatException(path, AudioErrorKind.NoAudioData, "the file holds no audio samples.");
        return new SpeakerClip(path, _resampler.Resample(mono, rate, SampleRate), SampleRate, rate);
    }

    /// <summary>Loads every file in order; the first failure throws.</summary>
    public IReadOnlyList<SpeakerClip> LoadAll(IEnumerable<string> paths) => paths.Select(Load).ToArray();

    /// <summary>Frees the resampler's cached kernels.</summary>
    public void Dispose() => _resampler.Dispose();
}
