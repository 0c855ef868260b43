namespace MyXtts.Plugins.Profilers.Trace;

/// <summary>Options of the <c>trace</c> profiler, bound from <c>plugins:trace</c>.</summary>
public sealed class TraceProfilerOptions
{
    /// <summary>
    /// Events kept in memory and in <c>trace.json</c> (about 40 bytes each in memory, 100-150 in the file); later events
    /// are dropped and counted. The default keeps a few epochs of a small run.
    /// </summary>
    public int MaxEvents { get; set; } = 1_000_000;

    /// <summary>Records every cache lookup as an instant event. Turn off when lookups crowd out the operations.</summary>
    public bool RecordCacheEvents { get; set; } = true;

    internal void Validate()
    {
        if (MaxEvents < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxEvents), MaxEvents,
                $"plugins:trace:MaxEvents is {MaxEvents}; it must be at least 1 (default 1000000, about 40 bytes of memory per event). " +
                "Fix it in the config file or pass --plugins:trace:MaxEvents=1000000.");
    }
}
