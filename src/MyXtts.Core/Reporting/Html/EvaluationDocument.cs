using System.Text.Json;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Runs;

namespace MyXtts.Core.Reporting.Html;

/// <summary>A line of a <c>metrics.json</c> as read back: who said what, its files (relative to the folder) and its results per group.</summary>
public sealed record DocumentLine(string Id, string Speaker, string Text, string ReferenceId, string ReferenceText,
    IReadOnlyDictionary<string, string> Files, IReadOnlyDictionary<string, MetricResult> Metrics);

/// <summary>
/// An evaluation's <c>metrics.json</c> (<see cref="EvaluationFiles"/>) read back for reports, so that a report is always
/// drawn from files and <c>myxtts report</c> regenerates exactly what evaluation wrote.
/// </summary>
public sealed record EvaluationDocument(string Folder, long Step, string? TrainingRun, IReadOnlyList<KeyValuePair<string, string>> Setup,
    string? ModelConfiguration, IReadOnlyList<MetricGroup> Groups, IReadOnlyList<DocumentLine> Lines)
{
    /// <summary>Set-level values as <c>group/value</c>.</summary>
    public IReadOnlyDictionary<string, double> Scalars() =>
        Groups.Where(g => g.Summary.IsAvailable).SelectMany(g => g.Summary.Values.Select(v => (Key: $"{g.Name}/{v.Key}", v.Value)))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>Reads <c>metrics.json</c> in <paramref name="folder"/>; throws <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static EvaluationDocument Read(string folder)
    {
        var path = Path.Combine(folder, EvaluationFiles.JsonFile);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != EvaluationFiles.Format)
                throw new InvalidDataException($"{path} is not a MyXtts evaluation (format '{root.GetProperty("format").GetString()}', expected '{EvaluationFiles.Format}').");
            var groups = root.GetProperty("groups").EnumerateArray().Select(g => new MetricGroup(
                g.GetProperty("name").GetString()!, g.GetProperty("description").GetString() ?? "", Result(g.GetProperty("summary")))).ToArray();
            var lines = root.GetProperty("lines").EnumerateArray().Select(Line).ToArray();
            return new EvaluationDocument(folder, root.GetProperty("step").GetInt64(), String(root, "training_run"),
                root.GetProperty("setup").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")).ToArray(),
                String(root, "model_configuration"), groups, lines);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} cannot be read as an evaluation: {e.Message}. Re-run 'myxtts evaluate' to write it again.", e);
        }
    }

    private static DocumentLine Line(JsonElement l) => new(
        l.GetProperty("id").GetString()!, l.GetProperty("speaker").GetString() ?? "", l.GetProperty("text").GetString() ?? "",
        l.GetProperty("reference_id").GetString() ?? "", l.GetProperty("reference_text").GetString() ?? "",
        l.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal),
        l.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => Result(p.Value), StringComparer.Ordinal));

    private static MetricResult Result(JsonElement e)
    {
        if (e.TryGetProperty("unavailable", out var reason)) return MetricResult.Unavailable(reason.GetString() ?? "unavailable");
        var values = e.GetProperty("values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN, StringComparer.Ordinal);
        var texts = e.TryGetProperty("texts", out var t)
            ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal) : new Dictionary<string, string>();
        return MetricResult.Of(values) with { Texts = texts };
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
