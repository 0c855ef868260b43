using System.Diagnostics.Metrics;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Plugins.Profilers.Timing;

namespace MyXtts.Plugins.Profilers.Counters;

/// <summary>
/// Publishes the profile as System.Diagnostics.Metrics instruments on a <see cref="Meter"/> named
/// <see cref="MeterName"/>, so a live run can be watched with
/// <c>dotnet-counters monitor --counters MyXtts -n myxtts</c> or exported by OpenTelemetry. Keeps no state of its
/// own: with no listener attached, each call costs a few enabled-checks.
/// </summary>
[Plugin("counters", Summary = "Live System.Diagnostics.Metrics counters on meter 'MyXtts' (dotnet-counters monitor --counters MyXtts)")]
public sealed class CountersProfiler : IProfiler, IOperationSink, IDisposable
{
    /// <summary>The meter's name, as given to dotnet-counters or an OpenTelemetry <c>AddMeter</c>.</summary>
    public const string MeterName = "MyXtts";

    private readonly TimeProvider _time;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the meter and its instruments, timed with the system clock.</summary>
    public CountersProfiler()
        : this(TimeProvider.System)
    {
    }

    internal CountersProfiler(TimeProvider time)
    {
        _time = time;
        Meter = new Meter(MeterName, typeof(CountersProfiler).Assembly.GetName().Version?.ToString());
        _hits = Meter.CreateCounter<long>("myxtts.cache.hits", "{lookup}", "Cache lookups that found a valid entry");
        _misses = Meter.CreateCounter<long>("myxtts.cache.misses", "{lookup}", "Cache lookups that found no entry");
        _errors = Meter.CreateCounter<long>("myxtts.cache.errors", "{lookup}", "Cache lookups that found a stale or corrupt entry");
        _duration = Meter.CreateHistogram<double>("myxtts.operation.duration", "ms", "Duration of profiled operations");
    }

    /// <summary>The meter this profiler owns (tests attach a listener to exactly this one).</summary>
    internal Meter Meter { get; }

    /// <inheritdoc />
    public IDisposable ProfileOperation(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return OperationScope.Begin(this, name, _time.GetTimestamp());
    }

    void IOperationSink.EndOperation(object state, long startTimestamp, int threadId)
    {
        var ms = Durations.ToMilliseconds(_time.GetTimestamp() - startTimestamp, _time.TimestampFrequency);
        _duration.Record(ms, new KeyValuePair<string, object?>("operation", state));
    }

    /// <inheritdoc />
    public void RecordCacheHit(string cache) => _hits.Add(1, new KeyValuePair<string, object?>("cache", cache));

    /// <inheritdoc />
    public void RecordCacheMiss(string cache) => _misses.Add(1, new KeyValuePair<string, object?>("cache", cache));

    /// <inheritdoc />
    public void RecordCacheError(string cache, Exception error) =>
        _errors.Add(1, new KeyValuePair<string, object?>("cache", cache),
            new KeyValuePair<string, object?>("error.type", error.GetType().FullName));   // OpenTelemetry convention

    /// <summary>Disposes the meter: listeners see its instruments complete.</summary>
    public void Dispose() => Meter.Dispose();
}
