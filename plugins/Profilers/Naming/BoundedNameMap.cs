using System.Collections.Concurrent;

namespace MyXtts.Plugins.Profilers.Naming;

/// <summary>
/// Per-name records (one per operation or cache) with a cap on how many names are kept, so a caller that builds
/// names from data ("load file123.wav") cannot grow the profiler without bound: names past the cap share one
/// record called <see cref="OverflowName"/>. Lookups of known names take no lock and allocate nothing.
/// </summary>
internal sealed class BoundedNameMap<T> where T : class
{
    /// <summary>The name of the shared record for names past the cap.</summary>
    public const string OverflowName = "(other)";

    private readonly ConcurrentDictionary<string, T> _records = new(StringComparer.Ordinal);
    private readonly Func<string, T> _create;
    private readonly int _maxNames;
    private readonly object _addLock = new();
    private T? _overflow;

    public BoundedNameMap(int maxNames, Func<string, T> create)
    {
        _maxNames = maxNames;
        _create = create;
    }

    /// <summary>The record for <paramref name="name"/>, or the shared overflow record once the cap is reached.</summary>
    public T Get(string name)
    {
        if (_records.TryGetValue(name, out var record))
            return record;
        return Add(name);
    }

    /// <summary>Every record created so far, the overflow record last.</summary>
    public IEnumerable<T> All()
    {
        foreach (var pair in _records)
            yield return pair.Value;
        var overflow = Volatile.Read(ref _overflow);
        if (overflow is not null)
            yield return overflow;
    }

    // Slow path, once per new name: the lock keeps the cap exact.
    private T Add(string name)
    {
        lock (_addLock)
        {
            if (_records.TryGetValue(name, out var record))
                return record;
            if (_records.Count >= _maxNames)
                return _overflow ??= _create(OverflowName);
            record = _create(name);
            _records[name] = record;
            return record;
        }
    }
}
