using System.Globalization;
using System.Text;
using System.Text.Json;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// Writes an evaluation's numbers: <c>metrics.json</c> (setup, every group's set-level values or the reason it is
/// unavailable, every line's values, texts and files; what <c>myxtts report</c> reads back) and <c>metrics.csv</c> (one
/// row per line, columns <c>group.value</c>, then a row <c>ALL</c> with the set-level values). Unavailable numbers are
/// absent in the JSON and empty in the CSV, never zero; non-finite numbers are written as null.
/// </summary>
public static class EvaluationFiles
{
    public const string JsonFile = "metrics.json", CsvFile = "metrics.csv";
    /// <summary>Identifies the JSON layout.</summary>
    public const string Format = "myxtts-evaluation-1";

    /// <summary>Writes both files into <paramref name="folder"/> (atomically).</summary>
    public static void Write(EvaluationResults results, string folder)
    {
        var json = Json(results);
        AtomicFile.Write(Path.Combine(folder, JsonFile), s => s.Write(json));
        var csv = Encoding.UTF8.GetBytes(Csv(results));
        AtomicFile.Write(Path.Combine(folder, CsvFile), s => s.Write(csv));
    }

    /// <summary>The metrics.json bytes.</summary>
    public static byte[] Json(EvaluationResults results)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("created", DateTimeOffset.UtcNow);
            w.WriteNumber("step", results.Step);
            w.WriteString("training_run", results.TrainingRun);
            w.WriteStartObject("setup");
            foreach (var (key, value) in results.Setup) w.WriteString(key, value);
            w.WriteEndObject();
            w.WriteString("model_configuration", results.ModelConfiguration);
            w.WriteStartArray("groups");
            foreach (var g in results.Groups)
            {
                w.WriteStartObject();
                w.WriteString("name", g.Name);
                w.WriteString("description", g.Description);
                w.WriteBoolean("per_line", g.Lines is not null);
                w.WritePropertyName("summary");
                WriteResult(w, g.Summary);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("lines");
            for (var i = 0; i < results.Lines.Count; i++) WriteLine(w, results, i);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteLine(Utf8JsonWriter w, EvaluationResults results, int i)
    {
        var line = results.Lines[i];
        var files = results.Files[i];
        w.WriteStartObject();
        w.WriteString("id", line.Id);
        w.WriteString("speaker", line.Speaker);
        w.WriteString("text", line.Text);
        w.WriteString("reference_id", line.Reference.Id);
        w.WriteString("reference_text", line.Reference.Text);
        w.WriteStartObject("files");
        foreach (var (key, value) in new[] { ("output", files.Output), ("ground_truth", files.GroundTruth), ("reference", files.Reference),
                     ("mel", files.MelFigure), ("alignment", files.AlignmentFigure) })
            if (value is not null) w.WriteString(key, value.Replace('\\', '/'));
        w.WriteEndObject();
        w.WriteStartObject("metrics");
        foreach (var g in results.Groups.Where(g => g.Lines is not null))
        {
            w.WritePropertyName(g.Name);
            WriteResult(w, g.Lines![i]);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, MetricResult result)
    {
        w.WriteStartObject();
        if (!result.IsAvailable) w.WriteString("unavailable", result.UnavailableReason);
        else
        {
            w.WriteStartObject("values");
            foreach (var (key, value) in result.Values)
                if (double.IsFinite(value)) w.WriteNumber(key, value);
                else w.WriteNull(key);
            w.WriteEndObject();
            if (result.Texts.Count > 0)
            {
                w.WriteStartObject("texts");
                foreach (var (key, value) in result.Texts) w.WriteString(key, value);
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }

    /// <summary>The metrics.csv text.</summary>
    public static string Csv(EvaluationResults results)
    {
        var columns = results.Groups.SelectMany(g => (g.Lines ?? []).Append(g.Summary).SelectMany(r => r.Values.Keys.Concat(r.Texts.Keys)).Distinct()
            .Select(k => (Group: g, Key: k))).ToArray();
        var text = new StringBuilder();
        text.AppendJoin(',', new[] { "id", "speaker", "text", "reference_id" }.Concat(columns.Select(c => $"{c.Group.Name}.{c.Key}")).Select(Field)).Append('\n');
        for (var i = 0; i < results.Lines.Count; i++)
        {
            var line = results.Lines[i];
            var cells = columns.Select(c => c.Group.Lines is { } lines ? Cell(lines[i], c.Key) : "");
            text.AppendJoin(',', new[] { line.Id, line.Speaker, line.Text, line.Reference.Id }.Concat(cells).Select(Field)).Append('\n');
        }
        text.AppendJoin(',', new[] { "ALL", "", "", "" }.Concat(columns.Select(c => Cell(c.Group.Summary, c.Key))).Select(Field)).Append('\n');
        return text.ToString();
    }

    private static string Cell(MetricResult result, string key) =>
        result.Values.TryGetValue(key, out var v) ? (double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "")
        : result.Texts.GetValueOrDefault(key, "");

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
