using System.Globalization;
using System.Net;
using System.Text;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Runs;

namespace MyXtts.Core.Reporting.Html;

/// <summary>
/// Renders the report as one self-contained HTML page (no scripts, no external files: images and audio are embedded as
/// base64 data URIs, so it opens offline and can be mailed): headline numbers beside their ceilings, every metric group,
/// showcase lines with audio players and mel and alignment images, all lines, training curves, validation samples and
/// the configuration.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d1d1f;background:#fff}
        h1{font-size:1.6rem} h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem} h3{margin-bottom:.3rem}
        table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem} td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#f2f2f2} td.num{text-align:right;font-variant-numeric:tabular-nums} .muted{color:#666} .unavailable{color:#a4000f}
        img{max-width:100%;display:block;margin:.3rem 0} audio{width:300px} figure{margin:.5rem 0} figcaption{color:#555;font-size:.85rem}
        .line{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0} pre{background:#f7f7f7;padding:.5rem;overflow:auto;font-size:.8rem}
        nav a{margin-right:1rem}
        """;

    /// <summary>The page for <paramref name="sources"/>.</summary>
    public static string Render(ReportSources sources)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MyXtts report: ")
            .Append(Encode(Path.GetFileName(sources.Folder))).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>MyXtts report</h1><p class=\"muted\">").Append(Encode(sources.Folder)).Append(" · generated ")
            .Append(DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)).Append("</p>\n");
        html.Append("<nav><a href=\"#summary\">Summary</a><a href=\"#metrics\">Metrics</a><a href=\"#utterances\">Utterances</a><a href=\"#lines\">All lines</a>")
            .Append("<a href=\"#training\">Training</a><a href=\"#samples\">Samples</a><a href=\"#configuration\">Configuration</a><a href=\"#reading\">How to read</a></nav>\n");
        if (sources.Evaluation is { } evaluation)
        {
            Summary(html, evaluation);
            Metrics(html, evaluation);
            Showcase(html, evaluation);
            AllLines(html, evaluation);
        }
        else
        {
            html.Append("<h2 id=\"summary\">Summary</h2><p>No evaluation in this folder: run <code>myxtts evaluate</code> on a checkpoint, " +
                        "or train with <code>--enable-evaluation</code>.</p>\n");
        }
        Training(html, sources);
        Samples(html, sources.Samples);
        Configuration(html, sources);
        html.Append(Reading).Append("</body></html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, EvaluationDocument evaluation)
    {
        var scalars = evaluation.Scalars();
        html.Append("<h2 id=\"summary\">Summary</h2><p>Checkpoint step ").Append(evaluation.Step).Append(", ").Append(evaluation.Lines.Count)
            .Append(" lines. Read each number against its ceiling.</p>\n<table><tr><th>metric</th><th>output</th><th>ceilings</th></tr>\n");
        foreach (var h in EvaluationSummary.Headlines)
        {
            var value = EvaluationSummary.Value(h, scalars);
            html.Append("<tr><td>").Append(Encode(h.Label)).Append("</td><td class=\"").Append(value == "unavailable" ? "unavailable" : "num").Append("\">")
                .Append(Encode(value)).Append("</td><td>").Append(Encode(string.Join("; ", EvaluationSummary.Ceilings(h, scalars)))).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Metrics(StringBuilder html, EvaluationDocument evaluation)
    {
        html.Append("<h2 id=\"metrics\">Metrics</h2><table><tr><th>group</th><th>what</th><th>set-level values</th></tr>\n");
        foreach (var g in evaluation.Groups)
        {
            html.Append("<tr><td><code>").Append(Encode(g.Name)).Append("</code></td><td>").Append(Encode(g.Description)).Append("</td><td>");
            if (!g.Summary.IsAvailable) html.Append("<span class=\"unavailable\">unavailable: ").Append(Encode(g.Summary.UnavailableReason!)).Append("</span>");
            else html.Append(string.Join("<br>", g.Summary.Values.Select(v => $"{Encode(v.Key)} = {Number(v.Value)}")
                .Concat(g.Summary.Texts.Select(t => $"{Encode(t.Key)}: {Encode(t.Value)}"))));
            html.Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Showcase(StringBuilder html, EvaluationDocument evaluation)
    {
        html.Append("<h2 id=\"utterances\">Utterances</h2>\n");
        foreach (var line in evaluation.Lines.Where(l => l.Files.ContainsKey("ground_truth")))
        {
            html.Append("<div class=\"line\"><h3>").Append(Encode(line.Id)).Append(" <span class=\"muted\">(").Append(Encode(line.Speaker)).Append(")</span></h3>");
            html.Append("<p>Text: ").Append(Encode(line.Text)).Append("<br>Heard (ASR): ")
                .Append(Encode(line.Metrics.GetValueOrDefault(IntelligibilityScoring.Output)?.Texts.GetValueOrDefault("transcript") ?? "(no ASR)"))
                .Append("<br>Prompt: ").Append(Encode(line.ReferenceId)).Append(" — ").Append(Encode(line.ReferenceText)).Append("</p>\n");
            html.Append("<p>").Append(Encode(KeyNumbers(line))).Append("</p>\n<table><tr>");
            foreach (var (label, key) in new[] { ("output", "output"), ("ground truth", "ground_truth"), ("prompt", "reference") })
                html.Append("<td>").Append(label).Append("<br>").Append(Audio(evaluation.Folder, line.Files.GetValueOrDefault(key))).Append("</td>");
            html.Append("</tr></table>\n");
            foreach (var (caption, key) in new[] { ("Predicted log-mel over the ground-truth log-mel (same colour scale and time axis)", "mel"),
                         ("Teacher-forced alignment: tokens (up) against decoder steps (right); a clean rising staircase is good", "alignment") })
                if (line.Files.GetValueOrDefault(key) is { } image) Figure(html, Path.Combine(evaluation.Folder, image), caption);
            html.Append("</div>\n");
        }
    }

    private static string KeyNumbers(DocumentLine line)
    {
        string Get(string group, string key, string label, string format) =>
            line.Metrics.GetValueOrDefault(group) is { IsAvailable: true } r && r.Values.TryGetValue(key, out var v) && double.IsFinite(v)
                ? $"{label} {v.ToString(format, CultureInfo.InvariantCulture)}" : "";
        return string.Join(" · ", new[]
        {
            Get(IntelligibilityScoring.Output, "wer", "WER", "0.00"), Get("signal", "mcd_db", "MCD", "0.0"), Get("signal", "f0_rmse_hz", "F0 RMSE", "0"),
            Get("signal", "duration_ratio", "duration ratio", "0.00"), Get(SpeakerScoring.Similarity, "cos_output_reference", "speaker cos", "0.00"),
            Get("prosody", "rate_transfer", "rate transfer", "0.00"),
        }.Where(s => s.Length > 0));
    }

    private static void AllLines(StringBuilder html, EvaluationDocument evaluation)
    {
        var columns = new (string Group, string Key, string Label)[]
        {
            (IntelligibilityScoring.Output, "wer", "WER"), (IntelligibilityScoring.Output, "cer", "CER"), ("signal", "mcd_db", "MCD dB"),
            ("signal", "f0_rmse_hz", "F0 RMSE Hz"), ("signal", "vuv_error", "V/UV"), ("signal", "log_mel_l1", "log-mel L1"), ("signal", "duration_ratio", "dur. ratio"),
            (SpeakerScoring.Similarity, "cos_output_reference", "cos out/prompt"), (SpeakerScoring.Identification, "output_correct", "voice id"),
            ("prosody", "rate_transfer", "rate transfer"), ("prosody", "f0_mean_transfer", "F0 transfer"),
        };
        html.Append("<h2 id=\"lines\">All lines</h2><table><tr><th>id</th><th>speaker</th><th>text</th><th>heard</th>");
        foreach (var c in columns) html.Append("<th>").Append(Encode(c.Label)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var line in evaluation.Lines)
        {
            var heard = line.Metrics.GetValueOrDefault(IntelligibilityScoring.Output)?.Texts.GetValueOrDefault("transcript") ?? "";
            html.Append("<tr><td>").Append(Encode(line.Id)).Append("</td><td>").Append(Encode(line.Speaker)).Append("</td><td>").Append(Encode(line.Text))
                .Append("</td><td>").Append(Encode(heard)).Append("</td>");
            foreach (var c in columns)
            {
                var r = line.Metrics.GetValueOrDefault(c.Group);
                html.Append("<td class=\"num\">").Append(r is { IsAvailable: true } && r.Values.TryGetValue(c.Key, out var v) ? Number(v) : "–").Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table><p class=\"muted\">Every number is also in metrics.csv and metrics.json beside this report.</p>\n");
    }

    private static void Training(StringBuilder html, ReportSources sources)
    {
        html.Append("<h2 id=\"training\">Training</h2>\n");
        if (sources.MetricsLogPath is not { } log)
        {
            html.Append("<p>No training metrics log (metrics.jsonl) was found").Append(sources.TrainingRun is null ? " (the checkpoint's run folder is not known)" : "").Append(".</p>\n");
            return;
        }
        var records = MetricsLog.Read(log);
        var charts = TrainingCharts.From(records);
        html.Append("<p class=\"muted\">").Append(records.Count).Append(" records from ").Append(Encode(log)).Append("</p>\n");
        foreach (var chart in charts) Figure(html, chart.Png, chart.Title + ": " + chart.Caption);
    }

    private static void Samples(StringBuilder html, string? folder)
    {
        html.Append("<h2 id=\"samples\">Validation samples</h2>\n");
        if (folder is null)
        {
            html.Append("<p>None (training writes them with training.validation_samples).</p>\n");
            return;
        }
        html.Append("<p class=\"muted\">").Append(Encode(folder)).Append("</p>\n");
        foreach (var wav in Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal))
        {
            var stem = Path.ChangeExtension(wav, null);
            html.Append("<div class=\"line\"><h3>").Append(Encode(Path.GetFileName(stem))).Append("</h3>").Append(Audio(folder, Path.GetFileName(wav)));
            foreach (var png in new[] { stem + ".png", stem + ".alignment.png" }.Where(File.Exists)) Figure(html, png, Path.GetFileName(png));
            html.Append("</div>\n");
        }
    }

    private static void Configuration(StringBuilder html, ReportSources sources)
    {
        html.Append("<h2 id=\"configuration\">Configuration</h2>\n");
        if (sources.Evaluation is { } evaluation)
        {
            html.Append("<h3>Evaluation</h3><table>");
            foreach (var (key, value) in evaluation.Setup) html.Append("<tr><th>").Append(Encode(key)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
            html.Append("</table>\n");
        }
        html.Append("<h3>Model and training</h3>");
        if (sources.Configuration is { } configuration)
            html.Append("<details><summary>Resolved configuration (JSON)</summary><pre>").Append(Encode(configuration)).Append("</pre></details>\n");
        else html.Append("<p>Not known.</p>\n");
    }

    private const string Reading = """
        <h2 id="reading">How to read this report</h2>
        <ul>
        <li><b>Ceilings first.</b> WER of the recordings is what the ASR engine manages on real speech; WER of Griffin-Lim on the
        ground-truth mels is the best an acoustic model can reach with the Griffin-Lim vocoder. A model is good when its WER nears that
        ceiling, not when it nears zero. With the in-domain language model the absolute numbers are optimistic; compare runs under the same LM.</li>
        <li><b>Signal metrics</b> compare the output with the recording of the same line after DTW: MCD (dB, lower is better; MFCC-style
        cepstra, comparable between MyXtts runs), F0 RMSE over frames voiced in both, V/UV disagreement, log-mel L1, and the duration ratio (1 = same length).</li>
        <li><b>Speaker similarity</b>: cosine of output and prompt embeddings beside the recording-vs-prompt cosine (two real clips of the voice).
        Without a speaker encoder the embedding is z-scored MFCC statistics, a coarse timbre measure, not a neural encoder.
        Voice identification: share of outputs whose closest voice centroid is the intended speaker, beside the same for the recordings and chance.</li>
        <li><b>Prosody</b>: rate and F0 transfer are output / prompt (1 = the prompt's rate or pitch carried over). Tempo twins (sample corpus)
        are one voice at two tempos: transfer 1 means the model reproduces the recorded tempo difference, 0 that it ignores it.</li>
        <li><b>Unavailable</b> numbers say why (no ASR installed, no ground truth, no MOS predictor); they are never shown as zero.</li>
        <li><b>Images</b>: predicted and ground-truth mels share one colour scale and time axis; the alignment should rise steadily from lower left to upper right.</li>
        </ul>
        """;

    private static void Figure(StringBuilder html, string pngPath, string caption)
    {
        if (File.Exists(pngPath)) Figure(html, File.ReadAllBytes(pngPath), caption);
    }

    private static void Figure(StringBuilder html, byte[] png, string caption) =>
        html.Append("<figure><img alt=\"").Append(Encode(caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
            .Append("\"><figcaption>").Append(Encode(caption)).Append("</figcaption></figure>\n");

    private static string Audio(string folder, string? relative)
    {
        var path = relative is null ? null : Path.Combine(folder, relative);
        return path is not null && File.Exists(path)
            ? $"<audio controls preload=\"none\" src=\"data:audio/wav;base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\"></audio>"
            : "<span class=\"muted\">(not kept)</span>";
    }

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
