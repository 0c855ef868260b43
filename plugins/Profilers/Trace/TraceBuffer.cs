namespace MyXtts.Plugins.Profilers.Trace;

/// <summary>
/// Append-only event store with a hard cap: the first <c>maxEvents</c> events are kept, later ones are counted as
/// dropped. Memory grows in 16 Ki-event chunks as needed (nothing is reserved up front), and chunks never move,
/// so a snapshot can be written out while recording goes on. Appends take a short lock (a struct copy).
/// </summary>
internal sealed class TraceBuffer(int maxEvents)
{
    private const int ChunkSize = 16 * 1024;

    private readonly List<TraceEvent[]> _chunks = [];
    private readonly object _lock = new();
    private int _count;
    private long _dropped;

    public int MaxEvents => maxEvents;

    /// <summary>Keeps <paramref name="e"/> if there is room, else counts it as dropped.</summary>
    public void Add(in TraceEvent e)
    {
        lock (_lock)
        {
            if (_count >= maxEvents)
            {
                _dropped++;
                return;
            }
            var chunk = _count / ChunkSize;
            if (chunk == _chunks.Count)
                _chunks.Add(new TraceEvent[Math.Min(ChunkSize, maxEvents - chunk * ChunkSize)]);
            _chunks[chunk][_count % ChunkSize] = e;
            _count++;
        }
    }

    /// <summary>The events kept so far (a stable view: later appends do not show in it) and the number dropped.</summary>
    public TraceSnapshot Snapshot()
    {
        lock (_lock)
            return new TraceSnapshot(_chunks.ToArray(), _count, _dropped);
    }
}

/// <summary>The first <see cref="Count"/> events of a <see cref="TraceBuffer"/>; those slots are never written again.</summary>
internal sealed class TraceSnapshot(TraceEvent[][] chunks, int count, long dropped)
{
    public int Count => count;

    public long Dropped => dropped;

    public IEnumerable<TraceEvent> Events()
    {
        var left = count;
        foreach (var chunk in chunks)
        {
            var n = Math.Min(left, chunk.Length);
            for (var i = 0; i < n; i++)
                yield return chunk[i];
            left -= n;
            if (left == 0)
                yield break;
        }
    }
}
