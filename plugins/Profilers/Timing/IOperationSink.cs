namespace MyXtts.Plugins.Profilers.Timing;

/// <summary>Receives the end of a timed operation from a pooled <see cref="OperationScope"/>.</summary>
internal interface IOperationSink
{
    /// <summary>
    /// The operation that began at <paramref name="startTimestamp"/> on thread <paramref name="threadId"/> has ended;
    /// <paramref name="state"/> is what the profiler passed to <see cref="OperationScope.Begin"/> (its per-name record).
    /// </summary>
    void EndOperation(object state, long startTimestamp, int threadId);
}
