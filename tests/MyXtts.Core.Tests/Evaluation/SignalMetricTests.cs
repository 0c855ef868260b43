using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Signal;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Evaluation;

public class SignalMetricTests
{
    private const int Rate = 22050;

    private static AudioClip Tone(double f0, double seconds, double silenceSeconds = 0.3)
    {
        var tone = Signals.Harmonic(f0, 12, Rate, (int)(seconds * Rate));
        var noise = new Random(1);
        // A faint noise floor keeps every mel bin above the log clamp, so level differences stay in c0.
        var clip = tone.Concat(new float[(int)(silenceSeconds * Rate)]).Select(x => x + (float)((noise.NextDouble() - 0.5) * 2e-3)).ToArray();
        return new AudioClip(clip, Rate);
    }

    private static EvaluationUtterance Line(AudioClip output, AudioClip? truth) =>
        new("id", "text", output, output) { GroundTruth = truth };

    [Fact]
    public void Identical_signals_have_zero_distortion_pitch_error_and_voicing_error()
    {
        using var metric = new SignalMetric(new MelSettings());
        var clip = Tone(180, 0.8);
        var values = metric.Evaluate([Line(clip, clip)])[0].Values;
        Assert.Equal(0, values["mcd_db"], 9);
        Assert.Equal(0, values["f0_rmse_hz"], 9);
        Assert.Equal(0, values["vuv_error"], 9);
        Assert.Equal(0, values["log_mel_l1"], 9);
        Assert.Equal(1, values["duration_ratio"], 9);
    }

    [Fact]
    public void A_detuned_tone_has_the_known_f0_error_in_hertz_and_cents()
    {
        using var metric = new SignalMetric(new MelSettings());
        var values = metric.Compare(Tone(210, 0.8), Tone(200, 0.8)).Values;
        Assert.InRange(values["f0_rmse_hz"], 9, 11);
        Assert.InRange(values["f0_rmse_cents"], 1200 * Math.Log2(210.0 / 200) - 8, 1200 * Math.Log2(210.0 / 200) + 8);
        Assert.True(values["mcd_db"] > 0.5, $"MCD {values["mcd_db"]}");
    }

    [Fact]
    public void Mcd_of_a_perturbed_signal_is_positive_and_symmetric()
    {
        using var metric = new SignalMetric(new MelSettings());
        var clean = Tone(150, 0.6);
        var noise = new Random(7);
        var noisy = new AudioClip(clean.Samples.Select(x => x + (float)((noise.NextDouble() - 0.5) * 0.1)).ToArray(), Rate);
        double forward = metric.Compare(noisy, clean).Values["mcd_db"], backward = metric.Compare(clean, noisy).Values["mcd_db"];
        Assert.True(forward > 1, $"MCD {forward}");
        Assert.Equal(forward, backward, 6);
    }

    [Fact]
    public void A_quieter_copy_has_near_zero_mcd_because_c0_is_excluded()
    {
        using var metric = new SignalMetric(new MelSettings());
        var clip = Tone(200, 0.6);
        var quieter = new AudioClip(clip.Samples.Select(x => x * 0.5f).ToArray(), Rate);
        Assert.True(metric.Compare(quieter, clip).Values["mcd_db"] < 0.5);
    }

    [Fact]
    public void A_line_without_ground_truth_is_unavailable()
    {
        using var metric = new SignalMetric(new MelSettings());
        var result = metric.Evaluate([Line(Tone(200, 0.3), null)])[0];
        Assert.False(result.IsAvailable);
        Assert.Contains("ground-truth", result.UnavailableReason);
    }

    [Fact]
    public void Mcd_uses_the_standard_constant_and_ignores_c0()
    {
        float[][] a = [[0, 1, 0], [0, 1, 0]], b = [[5, 1, 1], [9, 1, 1]];
        var (db, path) = MelCepstralDistortion.Compute(a, b);
        Assert.Equal(10 / Math.Log(10) * Math.Sqrt(2), db, 12);
        Assert.Equal([(0, 0), (1, 1)], path);
    }

    [Fact]
    public void Dtw_aligns_a_repeated_frame_at_no_cost()
    {
        float[][] a = [[1], [2], [3]], b = [[1], [2], [2], [3]];
        var (path, cost) = DynamicTimeWarping.Align(a, b, (x, y) => Math.Abs(x[0] - y[0]));
        Assert.Equal(0, cost);
        Assert.Equal([(0, 0), (1, 1), (1, 2), (2, 3)], path);
    }
}
