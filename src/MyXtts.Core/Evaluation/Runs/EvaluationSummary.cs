using System.Globalization;
using System.Text;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>A headline number of an evaluation and the ceilings to read it against (keys are <c>group/value</c>).</summary>
public sealed record Headline(string Label, string Key, string Format, string Unit, IReadOnlyList<(string Label, string Key)> Ceilings);

/// <summary>The headline numbers of an evaluation, each beside its ceilings: one line for logs, rows for the report.</summary>
public static class EvaluationSummary
{
    /// <summary>In display order.</summary>
    public static IReadOnlyList<Headline> Headlines { get; } =
    [
        new("WER", $"{IntelligibilityScoring.Output}/wer", "0.000", "",
            [("Griffin-Lim on ground truth", $"{IntelligibilityScoring.GriffinLimCeiling}/wer"), ("vocoder on ground truth", $"{IntelligibilityScoring.VocoderCeiling}/wer"),
             ("recordings", $"{IntelligibilityScoring.Recordings}/wer")]),
        new("CER", $"{IntelligibilityScoring.Output}/cer", "0.000", "",
            [("Griffin-Lim on ground truth", $"{IntelligibilityScoring.GriffinLimCeiling}/cer"), ("recordings", $"{IntelligibilityScoring.Recordings}/cer")]),
        new("MCD", "signal/mcd_db", "0.00", " dB", []),
        new("F0 RMSE", "signal/f0_rmse_hz", "0.0", " Hz", []),
        new("V/UV error", "signal/vuv_error", "0.000", "", []),
        new("log-mel L1", "signal/log_mel_l1", "0.000", "", []),
        new("duration ratio (output / recording)", "signal/duration_ratio", "0.00", "", []),
        new("speaker cosine, output vs prompt", $"{SpeakerScoring.Similarity}/cos_output_reference", "0.000", "",
            [("recording vs prompt", $"{SpeakerScoring.Similarity}/cos_ground_truth_reference")]),
        new("voice identification accuracy", $"{SpeakerScoring.Identification}/accuracy", "0.00", "",
            [("recordings", $"{SpeakerScoring.Identification}/ground_truth_accuracy"), ("chance", $"{SpeakerScoring.Identification}/chance")]),
        new("speaking-rate transfer (output / prompt)", "prosody/rate_transfer", "0.00", "", []),
        new("F0 mean transfer (output / prompt)", "prosody/f0_mean_transfer", "0.00", "", []),
        new("tempo-twin transfer", $"{TempoTransfer.Name}/transfer", "0.00", "",
            [("recorded ratio", $"{TempoTransfer.Name}/ground_truth_ratio"), ("output ratio", $"{TempoTransfer.Name}/output_ratio")]),
    ];

    /// <summary>The value of <paramref name="headline"/> in <paramref name="scalars"/> as text, or "unavailable".</summary>
    public static string Value(Headline headline, IReadOnlyDictionary<string, double> scalars) =>
        scalars.TryGetValue(headline.Key, out var v) ? v.ToString(headline.Format, CultureInfo.InvariantCulture) + headline.Unit : "unavailable";

    /// <summary>The ceilings present in <paramref name="scalars"/> as "label value" texts.</summary>
    public static IEnumerable<string> Ceilings(Headline headline, IReadOnlyDictionary<string, double> scalars) =>
        headline.Ceilings.Where(c => scalars.ContainsKey(c.Key)).Select(c => $"{c.Label} {scalars[c.Key].ToString(headline.Format, CultureInfo.InvariantCulture)}");

    /// <summary>E.g. <c>WER 0.412 (Griffin-Lim on ground truth 0.118, recordings 0.051), CER 0.230, MCD 7.91 dB, …</c>.</summary>
    public static string Line(EvaluationResults results) => Line(results.Scalars());

    /// <summary>The same from <c>group/value</c> scalars.</summary>
    public static string Line(IReadOnlyDictionary<string, double> scalars)
    {
        var text = new StringBuilder();
        foreach (var h in Headlines)
        {
            if (text.Length > 0) text.Append(", ");
            text.Append(h.Label).Append(' ').Append(Value(h, scalars));
            var ceilings = Ceilings(h, scalars).ToArray();
            if (ceilings.Length > 0) text.Append(" (").AppendJoin(", ", ceilings).Append(')');
        }
        return text.ToString();
    }
}
