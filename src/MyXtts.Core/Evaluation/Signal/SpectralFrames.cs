using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Audio.Processing;
using MyXtts.Core.Audio.Resampling;
using static TorchSharp.torch;

namespace MyXtts.Core.Evaluation.Signal;

/// <summary>
/// Turns clips into the project's frames for comparison: resampled to the mel rate, leading and trailing silence
/// trimmed (librosa-style, 40 dB below the peak, so a synthesizer's trailing pause does not count as distortion),
/// then log-mel [frames][n_mels] with the project's <see cref="MelSpectrogram"/>.
/// </summary>
public sealed class SpectralFrames : IDisposable
{
    private static readonly TrimOptions Trim = new() { TopDb = 40, FrameLength = 1024, HopLength = 256 };
    private readonly MelSpectrogram _mel;
    private readonly SincResampler _resampler = new();

    /// <summary>Creates the extractor for the run's mel definition.</summary>
    public SpectralFrames(MelSpectrogram mel) => _mel = mel;

    /// <summary>The mel rate.</summary>
    public int SampleRate => _mel.Settings.SampleRate;

    /// <summary>The clip at the mel rate with leading and trailing silence removed (all of it kept when it is all silence).</summary>
    public float[] SpeechSamples(AudioClip clip)
    {
        var samples = clip.SampleRate == SampleRate ? clip.Samples : _resampler.Resample(clip.Samples, clip.SampleRate, SampleRate);
        var (start, end) = SilenceTrimmer.FindNonSilent(samples, Trim);
        return end > start ? samples[start..end] : samples;
    }

    /// <summary>Log-mel frames [frames][n_mels] of <paramref name="samples"/> at the mel rate.</summary>
    public float[][] LogMel(float[] samples)
    {
        using var scope = NewDisposeScope();
        var mel = _mel.Compute(tensor(samples)).transpose(0, 1).contiguous();   // [frames, n_mels]
        int frames = (int)mel.shape[0], bands = (int)mel.shape[1];
        var flat = mel.data<float>().ToArray();
        return Enumerable.Range(0, frames).Select(t => flat.AsSpan(t * bands, bands).ToArray()).ToArray();
    }

    /// <summary>Frees the resampler's kernels.</summary>
    public void Dispose() => _resampler.Dispose();
}
