using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Audio.Pitch;
using MyXtts.Core.Audio.Resampling;

namespace MyXtts.Core.Evaluation.Prosody;

/// <summary>
/// Prosody of the output and how much of the prompt's (and the ground truth's) it carries:
/// <c>rate_sps</c> (articulation rate: estimated syllables of the text per second of speech, pauses excluded),
/// <c>f0_mean_hz</c> and <c>f0_range_st</c> (5th to 95th percentile of voiced F0, semitones) of the output; with the
/// reference: <c>rate_transfer</c> (output rate / reference rate; needs the reference's text),
/// <c>f0_mean_transfer</c> and <c>f0_range_transfer</c> (output / reference); with a ground truth: the same three
/// ratios against it (<c>rate_ratio_ground_truth</c>, <c>f0_mean_ratio_ground_truth</c>, <c>f0_range_ratio_ground_truth</c>).
/// A ratio whose clip has no voiced frame is left out.
/// </summary>
[Plugin("prosody", Summary = "Speaking rate and F0 mean/range of the output, and their transfer ratios to reference and ground truth")]
public sealed class ProsodyMetric : IEvaluationMetric, IDisposable
{
    private readonly YinPitchTracker _pitch;
    private readonly SincResampler _resampler = new();

    /// <summary>Tracks pitch at the run's mel rate and hop.</summary>
    public ProsodyMetric(MelSettings mel) =>
        _pitch = new YinPitchTracker(YinOptions.FramedLike(mel));

    /// <inheritdoc />
    public IReadOnlyList<MetricResult> Evaluate(IReadOnlyList<EvaluationUtterance> utterances) => utterances.Select(Measure).ToArray();

    /// <summary>Speaking rate and F0 statistics of one clip; the rate is NaN without text or speech.</summary>
    public ProsodyProfile Profile(AudioClip clip, string? text)
    {
        var samples = clip.SampleRate == _pitch.Options.SampleRate ? clip.Samples : _resampler.Resample(clip.Samples, clip.SampleRate, _pitch.Options.SampleRate);
        double active = SpeechActivity.ActiveSeconds(samples, _pitch.Options.SampleRate);
        double rate = text is null || active <= 0 ? double.NaN : SyllableCounter.Count(text) / active;
        return ProsodyProfile.From(rate, _pitch.Track(samples));
    }

    private MetricResult Measure(EvaluationUtterance u)
    {
        var output = Profile(u.Output, u.Text);
        var values = new Dictionary<string, double>();
        Add(values, "rate_sps", output.SyllablesPerSecond);
        Add(values, "f0_mean_hz", output.F0MeanHz);
        Add(values, "f0_range_st", output.F0RangeSemitones);
        var reference = Profile(u.Reference, u.ReferenceText);
        Add(values, "rate_transfer", output.SyllablesPerSecond / reference.SyllablesPerSecond);
        Add(values, "f0_mean_transfer", output.F0MeanHz / reference.F0MeanHz);
        Add(values, "f0_range_transfer", output.F0RangeSemitones / reference.F0RangeSemitones);
        if (u.GroundTruth is { } truth)
        {
            var groundTruth = Profile(truth, u.Text);
            Add(values, "rate_ratio_ground_truth", output.SyllablesPerSecond / groundTruth.SyllablesPerSecond);
            Add(values, "f0_mean_ratio_ground_truth", output.F0MeanHz / groundTruth.F0MeanHz);
            Add(values, "f0_range_ratio_ground_truth", output.F0RangeSemitones / groundTruth.F0RangeSemitones);
        }
        return MetricResult.Of(values);
    }

    private static void Add(Dictionary<string, double> values, string key, double value)
    {
        if (double.IsFinite(value)) values[key] = value;
    }

    /// <summary>Frees the resampler's kernels.</summary>
    public void Dispose() => _resampler.Dispose();
}
