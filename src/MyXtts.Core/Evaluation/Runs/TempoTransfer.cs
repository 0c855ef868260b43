using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Intelligibility;
using MyXtts.Core.Evaluation.Prosody;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// Speaking-rate transfer measured on tempo twins (<see cref="VoiceTable.TempoTwins"/>): for each sentence evaluated for
/// both speakers of a pair, the ratio of their speech durations (pauses excluded), oriented slower twin / faster twin as
/// the recordings tell, in the recordings (<c>ground_truth_ratio</c> ≥ 1, geometric mean) and in the outputs
/// (<c>output_ratio</c>). <c>transfer</c> = Σ ln(output ratio) / Σ ln(ground-truth ratio): 1 when the model reproduces
/// the prompts' tempo difference, 0 when it speaks both at one rate (timbre-only cloning), negative when reversed.
/// </summary>
public static class TempoTransfer
{
    /// <summary>The group name.</summary>
    public const string Name = "tempo_twins";

    /// <summary>Per line: speaker, text, output and ground-truth speech seconds.</summary>
    public sealed record Timing(string Speaker, string Text, double OutputSeconds, double GroundTruthSeconds);

    /// <summary>The set-level result, or unavailable (with the reason and what to do) when there are no twin sentences.</summary>
    public static MetricResult Measure(VoiceTable? voices, IReadOnlyList<Timing> lines)
    {
        if (voices is null || voices.TempoTwins().Count == 0)
            return MetricResult.Unavailable($"No {VoiceTable.FileName} with tempo twins next to the data: only the sample corpus made by 'myxtts dataset make-sample --speakers 8' (or more) has them.");
        var bySpeakerAndText = lines.GroupBy(l => (l.Speaker, TranscriptNormalizer.Normalize(l.Text))).ToDictionary(g => g.Key, g => g.First());
        double sumOutput = 0, sumTruth = 0;
        var pairs = 0;
        foreach (var (first, second) in voices.TempoTwins())
            foreach (var a in lines.Where(l => l.Speaker == first))
            {
                if (!bySpeakerAndText.TryGetValue((second, TranscriptNormalizer.Normalize(a.Text)), out var b)) continue;
                if (!(a.OutputSeconds > 0 && b.OutputSeconds > 0 && a.GroundTruthSeconds > 0 && b.GroundTruthSeconds > 0)) continue;
                var truth = Math.Log(a.GroundTruthSeconds / b.GroundTruthSeconds);
                var orientation = truth < 0 ? -1 : 1;   // twins differ in both directions; each pair is read slower / faster
                sumTruth += orientation * truth;
                sumOutput += orientation * Math.Log(a.OutputSeconds / b.OutputSeconds);
                pairs++;
            }
        if (pairs == 0)
            return MetricResult.Unavailable("No sentence was evaluated for both speakers of a tempo-twin pair; raise --max-utterances " +
                                            "(the held-out split lists every voice for each sentence, so 8 lines cover one sentence).");
        var values = new Dictionary<string, double>
        {
            ["pairs"] = pairs,
            ["ground_truth_ratio"] = Math.Exp(sumTruth / pairs),
            ["output_ratio"] = Math.Exp(sumOutput / pairs),
        };
        if (Math.Abs(sumTruth) > 1e-9) values["transfer"] = sumOutput / sumTruth;
        return MetricResult.Of(values);
    }

    /// <summary>The timing of one produced line (speech seconds by <see cref="SpeechActivity"/>).</summary>
    public static Timing Of(ProducedLine line) => new(line.Line.Speaker, line.Line.Text,
        SpeechActivity.ActiveSeconds(line.Output.Samples, line.Output.SampleRate), SpeechActivity.ActiveSeconds(line.GroundTruth.Samples, line.GroundTruth.SampleRate));
}
