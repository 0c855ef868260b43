namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>
/// Lookup counts of one cache. Recording is lock-free (one interlocked increment); the rollover swaps each epoch
/// counter to zero atomically, so every lookup lands in exactly one epoch.
/// </summary>
internal sealed class CacheStats(string name)
{
    private long _hits, _misses, _errors;
    private Exception? _lastError;

    // Touched only by RollOver, which the profiler's report lock serialises.
    private long _runHits, _runMisses, _runErrors;
    private Exception? _runLastError;

    public string Name => name;

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    // The exception is kept, not formatted: formatting waits for the report, off the hot path.
    public void Error(Exception error)
    {
        Interlocked.Increment(ref _errors);
        Volatile.Write(ref _lastError, error);
    }

    /// <summary>Closes the epoch: returns its summary and the run's (null where there were no lookups).</summary>
    public (CacheSummary? Epoch, CacheSummary? Run) RollOver()
    {
        var hits = Interlocked.Exchange(ref _hits, 0);
        var misses = Interlocked.Exchange(ref _misses, 0);
        var errors = Interlocked.Exchange(ref _errors, 0);
        var lastError = Interlocked.Exchange(ref _lastError, null);
        _runHits += hits;
        _runMisses += misses;
        _runErrors += errors;
        _runLastError = lastError ?? _runLastError;
        return (Summarize(hits, misses, errors, lastError), Summarize(_runHits, _runMisses, _runErrors, _runLastError));
    }

    private CacheSummary? Summarize(long hits, long misses, long errors, Exception? lastError)
    {
        var lookups = hits + misses + errors;
        if (lookups == 0)
            return null;
        var error = errors > 0 && lastError is not null ? $"{lastError.GetType().Name}: {lastError.Message}" : null;
        return new CacheSummary(name, hits, misses, errors, lookups, (double)hits / lookups, error);
    }
}
