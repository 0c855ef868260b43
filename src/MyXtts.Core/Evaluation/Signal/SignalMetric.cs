using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Audio.Pitch;

namespace MyXtts.Core.Evaluation.Signal;

/// <summary>
/// Signal distances between the output and the ground-truth recording of the same line, on speech trimmed of leading
/// and trailing silence: <c>mcd_db</c> (mel-cepstral distortion, c1..c24 of <see cref="MelCepstrum"/>, DTW-aligned),
/// <c>f0_rmse_hz</c> and <c>f0_rmse_cents</c> over frame pairs voiced in both (omitted when there are none),
/// <c>vuv_error</c> (voicing disagreement), <c>log_mel_l1</c> (mean |Δ log-mel| per band), all on the MCD's DTW path,
/// and <c>duration_ratio</c> (output / ground-truth speech duration). Unavailable for lines without a ground truth.
/// </summary>
[Plugin("signal", Summary = "Against ground truth: MCD (dB, DTW), F0 RMSE (Hz, cents), V/UV error, log-mel L1, duration ratio")]
public sealed class SignalMetric : IEvaluationMetric, IDisposable
{
    /// <summary>c0..c24: the 24 coefficients after c0 that MCD is usually reported on.</summary>
    public const int CepstralCoefficients = 25;

    private readonly MelSpectrogram _mel;
    private readonly SpectralFrames _frames;
    private readonly YinPitchTracker _pitch;

    /// <summary>Creates the metric for the run's mel definition (pitch frames follow the same hop).</summary>
    public SignalMetric(MelSettings mel)
    {
        _mel = new MelSpectrogram(mel);
        _frames = new SpectralFrames(_mel);
        _pitch = new YinPitchTracker(YinOptions.FramedLike(mel));
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricResult> Evaluate(IReadOnlyList<EvaluationUtterance> utterances) =>
        utterances.Select(u => u.GroundTruth is { } truth
            ? Compare(u.Output, truth)
            : MetricResult.Unavailable($"Line '{u.Id}' has no ground-truth recording, which signal metrics compare against.")).ToArray();

    /// <summary>The signal metrics of <paramref name="output"/> against <paramref name="truth"/>.</summary>
    public MetricResult Compare(AudioClip output, AudioClip truth)
    {
        float[] a = _frames.SpeechSamples(output), b = _frames.SpeechSamples(truth);
        float[][] melA = _frames.LogMel(a), melB = _frames.LogMel(b);
        if (melA.Length == 0 || melB.Length == 0)
            return MetricResult.Unavailable("The output or the ground truth is shorter than one frame.");
        var (mcd, path) = MelCepstralDistortion.Compute(
            MelCepstrum.FromLogMel(melA, CepstralCoefficients), MelCepstrum.FromLogMel(melB, CepstralCoefficients));
        var pitch = PitchErrors.Compare(_pitch.Track(a), _pitch.Track(b), path);
        var values = new Dictionary<string, double>
        {
            ["mcd_db"] = mcd,
            ["vuv_error"] = pitch.VoicingErrorRate,
            ["log_mel_l1"] = LogMelL1(melA, melB, path),
            ["duration_ratio"] = (double)a.Length / b.Length,
        };
        if (pitch.BothVoicedPairs > 0)
        {
            values["f0_rmse_hz"] = pitch.RmseHz;
            values["f0_rmse_cents"] = pitch.RmseCents;
        }
        return MetricResult.Of(values);
    }

    /// <summary>Mean absolute log-mel difference over the aligned frame pairs and bands.</summary>
    public static double LogMelL1(float[][] a, float[][] b, IReadOnlyList<(int A, int B)> path)
    {
        double sum = 0;
        foreach (var (i, j) in path)
            for (int k = 0; k < a[i].Length; k++) sum += Math.Abs(a[i][k] - b[j][k]);
        return sum / (path.Count * (double)a[0].Length);
    }

    /// <summary>Frees the mel and resampler caches.</summary>
    public void Dispose()
    {
        _frames.Dispose();
        _mel.Dispose();
    }
}
