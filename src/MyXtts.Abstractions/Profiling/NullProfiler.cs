namespace MyXtts.Abstractions.Profiling;

/// <summary>The profiler that records nothing; stands in for a missing profiler or a missing hook.</summary>
public sealed class NullProfiler : IProfiler
{
    /// <summary>The shared instance (stateless).</summary>
    public static readonly NullProfiler Instance = new();

    private NullProfiler() { }

    /// <inheritdoc />
    public void RecordCacheHit(string cache) { }

    /// <inheritdoc />
    public void RecordCacheMiss(string cache) { }

    /// <inheritdoc />
    public void RecordCacheError(string cache, Exception error) { }

    /// <inheritdoc />
    public IDisposable ProfileOperation(string name) => EmptyScope.Instance;

    private sealed class EmptyScope : IDisposable
    {
        public static readonly EmptyScope Instance = new();
        public void Dispose() { }
    }
}
