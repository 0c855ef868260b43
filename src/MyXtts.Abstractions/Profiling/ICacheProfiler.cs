namespace MyXtts.Abstractions.Profiling;

/// <summary>Cache hooks of a profiler. The data pipeline reports every cache lookup here.</summary>
public interface ICacheProfiler
{
    /// <summary>A cache entry was found and valid.</summary>
    void RecordCacheHit(string cache);

    /// <summary>No usable entry; the value is being computed.</summary>
    void RecordCacheMiss(string cache);

    /// <summary>An entry was stale or corrupt and is being rebuilt.</summary>
    void RecordCacheError(string cache, Exception error);
}
