using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Resampling;

namespace MyXtts.Core.Speakers;

/// <summary>
/// Reads clips for a speaker encoder in two steps, so bad files are reported before any weights are loaded: decode
/// (any format <see cref="AudioFileReader"/> reads, channels averaged), then resample with <see cref="SincResampler"/>
/// to the encoder's rate. No trimming or loudness change: the encoders apply their own level normalisation, and a
/// comparison should see the clips as recorded.
/// </summary>
public sealed class SpeakerClipLoader : IDisposable
{
    private readonly SincResampler _resampler = new();

    /// <summary>
    /// Decodes <paramref name="path"/> to mono at its own rate. Throws <see cref="AudioFormatException"/> naming the file
    /// and the cause when it cannot be decoded or holds no samples.
    /// </summary>
    public static SpeakerClip Decode(string path)
    {
        var (mono, rate) = AudioFileReader.ReadMono(path);
        if (mono.Length == 0) throw new AudioFormatException(path, AudioErrorKind.NoAudioData, "the file holds no audio samples.");
        return new SpeakerClip(path, mono, rate, rate);
    }

    /// <summary>Decodes every file in order; the first failure throws.</summary>
    public static IReadOnlyList<SpeakerClip> DecodeAll(IEnumerable<string> paths) => paths.Select(Decode).ToArray();

    /// <summary><paramref name="clip"/> at <paramref name="sampleRate"/> (the clip itself when it already is).</summary>
    public SpeakerClip Resample(SpeakerClip clip, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (clip.SampleRate == sampleRate) return clip;
        return clip with { Samples = _resampler.Resample(clip.Samples, clip.SampleRate, sampleRate), SampleRate = sampleRate };
    }

    /// <summary>Every clip at <paramref name="sampleRate"/>, in order.</summary>
    public IReadOnlyList<SpeakerClip> ResampleAll(IEnumerable<SpeakerClip> clips, int sampleRate) => clips.Select(c => Resample(c, sampleRate)).ToArray();

    /// <summary>Frees the resampler's cached kernels.</summary>
    public void Dispose() => _resampler.Dispose();
}
