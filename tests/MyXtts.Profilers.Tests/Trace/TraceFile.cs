using System.Text.Json;

namespace MyXtts.Profilers.Tests.Trace;

/// <summary>
/// Parses trace.json and checks the shape Perfetto and chrome://tracing need (the Trace Event Format's JSON Object
/// Format): a "traceEvents" array whose events all have name, ph, pid and tid; ts in µs on every non-metadata event;
/// dur on "X" events; a scope s of g, p or t on "i" events.
/// </summary>
internal sealed class TraceFile
{
    private TraceFile(JsonElement root, IReadOnlyList<JsonElement> events)
    {
        Root = root;
        Events = events;
    }

    public JsonElement Root { get; }

    public IReadOnlyList<JsonElement> Events { get; }

    public IEnumerable<JsonElement> Phase(string ph) => Events.Where(e => e.GetProperty("ph").GetString() == ph);

    public long Dropped => Root.GetProperty("otherData").GetProperty("dropped_events").GetInt64();

    public static TraceFile LoadAndValidate(string path)
    {
        var root = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var array = root.GetProperty("traceEvents");
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        var events = array.EnumerateArray().ToList();
        foreach (var e in events)
            Validate(e);
        return new TraceFile(root, events);
    }

    private static void Validate(JsonElement e)
    {
        Assert.Equal(JsonValueKind.String, e.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Number, e.GetProperty("pid").ValueKind);
        Assert.Equal(JsonValueKind.Number, e.GetProperty("tid").ValueKind);
        var ph = e.GetProperty("ph").GetString();
        Assert.Contains(ph, new[] { "X", "i", "M" });
        if (ph == "M")
            return;
        Assert.True(e.GetProperty("ts").GetDouble() >= 0, "ts must be a non-negative number of microseconds");
        if (ph == "X")
            Assert.True(e.GetProperty("dur").GetDouble() >= 0, "dur must be a non-negative number of microseconds");
        if (ph == "i")
            Assert.Contains(e.GetProperty("s").GetString(), new[] { "g", "p", "t" });
    }
}
