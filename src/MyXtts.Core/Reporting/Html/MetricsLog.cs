using System.Text.Json;

namespace MyXtts.Core.Reporting.Html;

/// <summary>One line of a run's <c>metrics.jsonl</c>: the step and its numeric scalars (text values such as "NaN" are left out).</summary>
public sealed record MetricsRecord(long Step, IReadOnlyDictionary<string, double> Scalars);

/// <summary>Reads <c>metrics.jsonl</c> (written by the <c>jsonl</c> sink) into records, and curves out of them.</summary>
public static class MetricsLog
{
    /// <summary>Every well-formed line of <paramref name="path"/>; a torn last line (a killed run) is skipped.</summary>
    public static IReadOnlyList<MetricsRecord> Read(string path)
    {
        var records = new List<MetricsRecord>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (!doc.RootElement.TryGetProperty("step", out var step) || !step.TryGetInt64(out var n)) continue;
                var scalars = doc.RootElement.EnumerateObject().Where(p => p.Name != "step" && p.Value.ValueKind == JsonValueKind.Number)
                    .ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
                records.Add(new MetricsRecord(n, scalars));
            }
            catch (JsonException) { }
        }
        return records;
    }

    /// <summary>The distinct scalar names, in first-seen order.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<MetricsRecord> records) =>
        records.SelectMany(r => r.Scalars.Keys).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>(step, value) of <paramref name="name"/> over the records that have it, in log order.</summary>
    public static (double[] Steps, double[] Values) Series(IEnumerable<MetricsRecord> records, string name)
    {
        var points = records.Where(r => r.Scalars.ContainsKey(name)).Select(r => ((double)r.Step, r.Scalars[name])).ToArray();
        return (points.Select(p => p.Item1).ToArray(), points.Select(p => p.Item2).ToArray());
    }
}
