namespace MyXtts.Plugins.Profilers.Trace;

/// <summary>What a recorded trace event stands for; decides its phase, category and name in the file.</summary>
internal enum TraceEventKind : byte
{
    /// <summary>A timed operation: a complete ("X") event.</summary>
    Operation,
    /// <summary>Cache lookups: thread-scoped instant ("i") events.</summary>
    CacheHit,
    CacheMiss,
    CacheError,
    /// <summary>The end of an epoch or of the run: a global instant event, a marker across all threads.</summary>
    EpochEnd,
    RunEnd,
}

/// <summary>
/// One recorded event, 40 bytes. Names are kept as the caller's string references (no formatting on the hot path);
/// the JSON is composed when the file is written.
/// </summary>
/// <param name="Kind">What the event stands for.</param>
/// <param name="Name">The operation or cache name.</param>
/// <param name="Detail">The error message of a cache error; null otherwise.</param>
/// <param name="Timestamp">Start, in ticks of the profiler's clock.</param>
/// <param name="Value">An operation's duration in ticks; an epoch marker's epoch number; 0 for cache events.</param>
/// <param name="ThreadId">The managed thread that began the operation or made the lookup.</param>
internal readonly record struct TraceEvent(
    TraceEventKind Kind, string Name, string? Detail, long Timestamp, long Value, int ThreadId);
