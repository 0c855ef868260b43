using System.Text.Json;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;

namespace MyXtts.Core.Metrics;

/// <summary>
/// Appends one JSON object per write to <c>metrics.jsonl</c> in the run folder: <c>{"step":120,"time":"…","train/loss":0.41,…}</c>.
/// Each line is flushed, so a killed run keeps everything up to its last write, and pandas reads it with <c>read_json(lines=True)</c>.
/// </summary>
[Plugin("jsonl", Summary = "Metrics as JSON lines in <run>/metrics.jsonl (built-in)")]
public sealed class JsonlMetricsSink : IMetricsSink
{
    /// <summary>The file name in the run folder.</summary>
    public const string FileName = "metrics.jsonl";

    private readonly StreamWriter _writer;

    public JsonlMetricsSink(RunContext run)
    {
        Directory.CreateDirectory(run.RunDirectory);
        _writer = new StreamWriter(new FileStream(Path.Combine(run.RunDirectory, FileName), FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public void WriteScalars(long step, IReadOnlyDictionary<string, double> scalars)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("step", step);
            json.WriteString("time", DateTimeOffset.UtcNow);
            foreach (var (name, value) in scalars)
            {
                if (double.IsFinite(value)) json.WriteNumber(name, value);
                else json.WriteString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));   // JSON has no NaN/Infinity
            }
            json.WriteEndObject();
        }
        _writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public void Dispose() => _writer.Dispose();
}
