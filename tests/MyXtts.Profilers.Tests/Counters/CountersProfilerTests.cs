using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MyXtts.Plugins.Profilers.Counters;
using MyXtts.Profilers.Tests.Support;

namespace MyXtts.Profilers.Tests.Counters;

public sealed class CountersProfilerTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly CountersProfiler _profiler;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentQueue<string> _completed = new();

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public CountersProfilerTests()
    {
        _profiler = new CountersProfiler(_clock);
        // Only this test's meter: other tests may run their own "MyXtts" meters in parallel.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _profiler.Meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.MeasurementsCompleted = (instrument, _) => _completed.Enqueue(instrument.Name);
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _profiler.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    [Fact]
    public void The_meter_is_named_MyXtts_so_dotnet_counters_can_watch_it()
    {
        Assert.Equal("MyXtts", _profiler.Meter.Name);
        Assert.Equal(CountersProfiler.MeterName, _profiler.Meter.Name);
    }

    [Fact]
    public void Cache_lookups_add_one_to_the_hits_misses_or_errors_counter_tagged_by_cache()
    {
        _profiler.RecordCacheHit("mel");
        _profiler.RecordCacheHit("mel");
        _profiler.RecordCacheMiss("tokens");
        _profiler.RecordCacheError("mel", new InvalidDataException("bad"));

        var m = _measurements.ToList();
        Assert.Equal(4, m.Count);
        Assert.Equal(2, m.Count(x => x.Instrument == "myxtts.cache.hits" && (string?)x.Tags["cache"] == "mel" && x.Value == 1));
        Assert.Single(m, x => x.Instrument == "myxtts.cache.misses" && (string?)x.Tags["cache"] == "tokens");
        var error = Assert.Single(m, x => x.Instrument == "myxtts.cache.errors");
        Assert.Equal("mel", error.Tags["cache"]);
        Assert.Equal("System.IO.InvalidDataException", error.Tags["error.type"]);
    }

    [Fact]
    public void An_operation_records_its_duration_in_milliseconds_tagged_by_operation()
    {
        using (_profiler.ProfileOperation("mel"))
            _clock.AdvanceMicroseconds(12_345);

        var m = Assert.Single(_measurements);
        Assert.Equal("myxtts.operation.duration", m.Instrument);
        Assert.Equal(12.345, m.Value, 9);
        Assert.Equal("mel", m.Tags["operation"]);
    }

    [Fact]
    public void The_instruments_have_the_units_dotnet_counters_shows()
    {
        var units = new Dictionary<string, string?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, _) => { if (ReferenceEquals(i.Meter, _profiler.Meter)) units[i.Name] = i.Unit; },
        };
        listener.Start();

        Assert.Equal("ms", units["myxtts.operation.duration"]);
        Assert.Equal("{lookup}", units["myxtts.cache.hits"]);
        Assert.Equal(["myxtts.cache.errors", "myxtts.cache.hits", "myxtts.cache.misses", "myxtts.operation.duration"],
            units.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lookups_from_eight_threads_are_all_measured()
    {
        Threads.RunTogether(8, _ =>
        {
            for (var i = 0; i < 2_000; i++)
                _profiler.RecordCacheHit("mel");
        });

        Assert.Equal(16_000, _measurements.Count(x => x.Instrument == "myxtts.cache.hits"));
    }

    [Fact]
    public void Disposing_the_profiler_disposes_the_meter_and_completes_every_instrument()
    {
        _profiler.Dispose();

        Assert.Equal(["myxtts.cache.errors", "myxtts.cache.hits", "myxtts.cache.misses", "myxtts.operation.duration"],
            _completed.Order(StringComparer.Ordinal));
    }
}
