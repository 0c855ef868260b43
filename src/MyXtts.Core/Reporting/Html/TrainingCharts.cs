using MyXtts.Core.Reporting.Images;

namespace MyXtts.Core.Reporting.Html;

/// <summary>A chart of the report: a title, what it shows, and the PNG.</summary>
public sealed record ReportChart(string Title, string Caption, byte[] Png);

/// <summary>
/// The training charts of a run's metrics log: raw loss terms (<c>train/&lt;term&gt;</c>), their weighted contributions
/// and the total (<c>train/w_&lt;term&gt;</c>, <c>train/loss</c>), the learning rate, the gradient norm, validation losses
/// per epoch (<c>epoch/val/…</c>) and evaluation numbers over training (<c>eval/…</c>). Charts with no data are left out.
/// </summary>
public static class TrainingCharts
{
    private static readonly HashSet<string> NotTerms = ["loss", "grad_norm", "lr"];

    /// <summary>The charts for <paramref name="records"/>.</summary>
    public static IReadOnlyList<ReportChart> From(IReadOnlyList<MetricsRecord> records)
    {
        var names = MetricsLog.Names(records);
        var raw = names.Where(n => n.StartsWith("train/", StringComparison.Ordinal) && n.Count(c => c == '/') == 1)
            .Select(n => n["train/".Length..]).Where(t => !t.StartsWith("w_", StringComparison.Ordinal) && !NotTerms.Contains(t)).ToArray();
        var charts = new List<ReportChart>();
        void Add(string title, string caption, string yLabel, IEnumerable<(string Legend, string Name)> series)
        {
            var curves = series.Select(s => (s.Legend, Points: MetricsLog.Series(records, s.Name))).Where(s => s.Points.Steps.Length > 0)
                .Select(s => new LineSeries(s.Legend, s.Points.Steps, s.Points.Values)).ToArray();
            if (curves.Length > 0) charts.Add(new ReportChart(title, caption, LineChart.Png(curves, title, "step", yLabel, 900, 360)));
        }
        Add("Loss terms (raw)", "Each term's own value (window means at log steps), before its weight.", "loss", raw.Select(t => (t, "train/" + t)));
        Add("Loss terms (weighted)", "Each term times its weight, and their sum: what the optimizer minimises.", "weighted loss",
            raw.Select(t => ("w_" + t, "train/w_" + t)).Append(("total", "train/loss")));
        Add("Learning rate", "The schedule's learning rate at each log step.", "learning rate", [("lr", "train/lr")]);
        Add("Gradient norm", "Global gradient norm before clipping.", "norm", [("grad norm", "train/grad_norm")]);
        Add("Validation losses (per epoch)", "Teacher-forced validation losses after each epoch (raw terms and the weighted total).", "loss",
            raw.Select(t => (t, "epoch/val/" + t)).Append(("total", "epoch/val/loss")));
        Add("Intelligibility during training", "WER and CER of validation lines at each evaluated checkpoint (--enable-evaluation).", "error rate",
            [("WER", "eval/intelligibility/wer"), ("CER", "eval/intelligibility/cer"), ("WER, Griffin-Lim on ground truth", "eval/intelligibility_griffin_lim_ground_truth/wer")]);
        Add("Signal distance during training", "MCD (dB) of validation lines at each evaluated checkpoint.", "dB", [("MCD", "eval/signal/mcd_db")]);
        Add("Speaker similarity during training", "Cosine output vs prompt, and the recording-vs-prompt ceiling.", "cosine",
            [("output vs prompt", "eval/speaker_similarity/cos_output_reference"), ("recording vs prompt", "eval/speaker_similarity/cos_ground_truth_reference")]);
        return charts;
    }
}
