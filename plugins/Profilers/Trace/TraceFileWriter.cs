using System.Text.Json;
using MyXtts.Plugins.Profilers.Timing;

namespace MyXtts.Plugins.Profilers.Trace;

/// <summary>
/// Writes the Chrome trace-event format ("JSON Object Format") that Perfetto and chrome://tracing open:
/// <c>{"traceEvents":[...],"displayTimeUnit":"ms","otherData":{...}}</c>, ts and dur in microseconds since the
/// profiler started. Streams through <see cref="Utf8JsonWriter"/>, so a million events never become one string.
/// </summary>
internal static class TraceFileWriter
{
    public static void Write(Stream stream, TraceSnapshot snapshot, long timestampOrigin, long frequency, int processId)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("traceEvents");
        WriteProcessName(json, processId);
        foreach (var e in snapshot.Events())
            WriteEvent(json, e, timestampOrigin, frequency, processId);
        json.WriteEndArray();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartObject("otherData");
        json.WriteString("producer", "MyXtts trace profiler");
        json.WriteNumber("recorded_events", snapshot.Count);
        json.WriteNumber("dropped_events", snapshot.Dropped);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // Metadata event: labels the process track "myxtts" instead of a bare pid.
    private static void WriteProcessName(Utf8JsonWriter json, int processId)
    {
        json.WriteStartObject();
        json.WriteString("name", "process_name");
        json.WriteString("ph", "M");
        json.WriteNumber("pid", processId);
        json.WriteNumber("tid", 0);
        json.WriteStartObject("args");
        json.WriteString("name", "myxtts");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter json, in TraceEvent e, long origin, long frequency, int processId)
    {
        json.WriteStartObject();
        switch (e.Kind)
        {
            case TraceEventKind.Operation:
                json.WriteString("name", e.Name);
                json.WriteString("cat", "operation");
                json.WriteString("ph", "X");
                WriteTime(json, "ts", e.Timestamp - origin, frequency);
                WriteTime(json, "dur", e.Value, frequency);
                break;
            case TraceEventKind.CacheHit or TraceEventKind.CacheMiss or TraceEventKind.CacheError:
                json.WriteString("name", $"cache {CacheOutcome(e.Kind)}: {e.Name}");
                json.WriteString("cat", "cache");
                json.WriteString("ph", "i");
                json.WriteString("s", "t");
                WriteTime(json, "ts", e.Timestamp - origin, frequency);
                break;
            default:
                json.WriteString("name", e.Kind == TraceEventKind.RunEnd ? "run end" : $"epoch {e.Value} end");
                json.WriteString("cat", "epoch");
                json.WriteString("ph", "i");
                json.WriteString("s", "g");
                WriteTime(json, "ts", e.Timestamp - origin, frequency);
                break;
        }
        json.WriteNumber("pid", processId);
        json.WriteNumber("tid", e.ThreadId);
        WriteArgs(json, e);
        json.WriteEndObject();
    }

    private static void WriteArgs(Utf8JsonWriter json, in TraceEvent e)
    {
        if (e.Kind is TraceEventKind.Operation)
            return;
        json.WriteStartObject("args");
        if (e.Kind is TraceEventKind.EpochEnd or TraceEventKind.RunEnd)
            json.WriteNumber("epoch", e.Value);
        else
            json.WriteString("cache", e.Name);
        if (e.Kind is TraceEventKind.CacheError)
            json.WriteString("error", e.Detail);
        json.WriteEndObject();
    }

    private static string CacheOutcome(TraceEventKind kind) => kind switch
    {
        TraceEventKind.CacheHit => "hit",
        TraceEventKind.CacheMiss => "miss",
        _ => "error",
    };

    // Microseconds with nanosecond precision; rounding keeps the file short ("12.345", not "12.345000000000001").
    private static void WriteTime(Utf8JsonWriter json, string name, long ticks, long frequency) =>
        json.WriteNumber(name, Math.Round(Durations.ToMicroseconds(ticks, frequency), 3));
}
