using MyXtts.Plugins.Profilers.Timing;

namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>
/// The durations of one operation name: this epoch's histogram and the run's. A plain lock guards both: it is held
/// for a handful of field updates (tens of nanoseconds) against operations that last micro- to milliseconds, and
/// it makes the epoch rollover exact (no sample lands in neither or both periods).
/// </summary>
internal sealed class OperationStats(string name)
{
    private readonly LogHistogram _epoch = new();
    private readonly LogHistogram _run = new();

    public string Name => name;

    public void Record(long ticks)
    {
        lock (_epoch)
            _epoch.Record(ticks);
    }

    /// <summary>Closes the epoch: returns its summary and the run's (null where nothing was recorded) and starts a new epoch.</summary>
    public (OperationSummary? Epoch, OperationSummary? Run) RollOver(long frequency)
    {
        lock (_epoch)
        {
            var epoch = Summarize(_epoch, frequency);
            _run.Add(_epoch);
            _epoch.Clear();
            return (epoch, Summarize(_run, frequency));
        }
    }

    private OperationSummary? Summarize(LogHistogram h, long frequency)
    {
        if (h.Count == 0)
            return null;
        double Ms(double ticks) => Durations.ToMilliseconds(ticks, frequency);
        return new OperationSummary(
            name, h.Count, Ms(h.Sum), Ms((double)h.Sum / h.Count), Ms(h.Min),
            Ms(h.Percentile(50)), Ms(h.Percentile(90)), Ms(h.Percentile(99)), Ms(h.Max));
    }
}
