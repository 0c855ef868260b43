using MyXtts.Plugins.Profilers.Trace;
using MyXtts.Profilers.Tests.Support;
using Serilog.Events;

namespace MyXtts.Profilers.Tests.Trace;

public class TraceProfilerTests
{
    private readonly ManualClock _clock = new();
    private readonly CollectingLog _log = new();

    private TraceProfiler Create(int maxEvents = 1_000_000, bool recordCacheEvents = true) =>
        new(_log.Logger, new TraceProfilerOptions { MaxEvents = maxEvents, RecordCacheEvents = recordCacheEvents }, _clock);

    [Fact]
    public void An_operation_becomes_a_complete_event_with_ts_and_dur_in_microseconds_since_the_profiler_started()
    {
        _clock.AdvanceMicroseconds(7_000_000);   // the clock's zero is not the trace's zero
        var profiler = Create();
        _clock.AdvanceMicroseconds(1_500);
        using (profiler.ProfileOperation("mel"))
            _clock.AdvanceMicroseconds(2_250);
        using var run = new TempRunDirectory();

        profiler.ReportEpoch(1, final: false, run.Path);

        var trace = TraceFile.LoadAndValidate(run.File(TraceProfiler.FileName));
        var mel = Assert.Single(trace.Phase("X"));
        Assert.Equal("mel", mel.GetProperty("name").GetString());
        Assert.Equal(1_500, mel.GetProperty("ts").GetDouble());
        Assert.Equal(2_250, mel.GetProperty("dur").GetDouble());
        Assert.Equal(Environment.ProcessId, mel.GetProperty("pid").GetInt32());
        Assert.Equal(Environment.CurrentManagedThreadId, mel.GetProperty("tid").GetInt32());
        Assert.Equal("ms", trace.Root.GetProperty("displayTimeUnit").GetString());
        Assert.Equal("process_name", Assert.Single(trace.Phase("M")).GetProperty("name").GetString());
    }

    [Fact]
    public void Cache_lookups_become_thread_instant_events_naming_the_cache_and_the_error()
    {
        var profiler = Create();
        profiler.RecordCacheHit("mel");
        profiler.RecordCacheMiss("mel");
        profiler.RecordCacheError("tokens", new InvalidDataException("bad header"));
        using var run = new TempRunDirectory();

        profiler.ReportEpoch(1, final: false, run.Path);

        var cacheEvents = TraceFile.LoadAndValidate(run.File(TraceProfiler.FileName)).Phase("i")
            .Where(e => e.GetProperty("cat").GetString() == "cache").ToList();
        Assert.Equal(["cache hit: mel", "cache miss: mel", "cache error: tokens"], cacheEvents.Select(e => e.GetProperty("name").GetString()));
        Assert.All(cacheEvents, e => Assert.Equal("t", e.GetProperty("s").GetString()));
        Assert.Equal("tokens", cacheEvents[2].GetProperty("args").GetProperty("cache").GetString());
        Assert.Equal("bad header", cacheEvents[2].GetProperty("args").GetProperty("error").GetString());
    }

    [Fact]
    public void With_RecordCacheEvents_off_only_operations_and_epoch_markers_are_recorded()
    {
        var profiler = Create(recordCacheEvents: false);
        profiler.RecordCacheHit("mel");
        using (profiler.ProfileOperation("mel")) { }
        using var run = new TempRunDirectory();

        profiler.ReportEpoch(1, final: false, run.Path);

        var trace = TraceFile.LoadAndValidate(run.File(TraceProfiler.FileName));
        Assert.Single(trace.Phase("X"));
        Assert.Equal("epoch 1 end", Assert.Single(trace.Phase("i")).GetProperty("name").GetString());
    }

    [Fact]
    public void The_trace_is_rewritten_at_each_epoch_end_with_all_events_so_far_and_a_global_marker_per_epoch()
    {
        var profiler = Create();
        using var run = new TempRunDirectory();
        var path = run.File(TraceProfiler.FileName);
        using (profiler.ProfileOperation("a")) _clock.AdvanceMicroseconds(10);
        using (profiler.ProfileOperation("b")) _clock.AdvanceMicroseconds(10);
        profiler.ReportEpoch(1, final: false, run.Path);
        Assert.Equal(2, TraceFile.LoadAndValidate(path).Phase("X").Count());

        using (profiler.ProfileOperation("c")) _clock.AdvanceMicroseconds(10);
        profiler.ReportEpoch(2, final: false, run.Path);
        profiler.ReportEpoch(2, final: true, run.Path);

        var trace = TraceFile.LoadAndValidate(path);
        Assert.Equal(["a", "b", "c"], trace.Phase("X").Select(e => e.GetProperty("name").GetString()));
        var markers = trace.Phase("i").ToList();
        Assert.Equal(["epoch 1 end", "epoch 2 end", "run end"], markers.Select(e => e.GetProperty("name").GetString()));
        Assert.All(markers, m => Assert.Equal("g", m.GetProperty("s").GetString()));
        Assert.Equal(2, markers[2].GetProperty("args").GetProperty("epoch").GetInt32());
        Assert.Equal([TraceProfiler.FileName], run.FileNames());
    }

    [Fact]
    public void Past_MaxEvents_events_are_dropped_counted_in_the_file_and_warned_about()
    {
        var profiler = Create(maxEvents: 5);
        for (var i = 0; i < 8; i++)
            using (profiler.ProfileOperation($"op{i}")) _clock.AdvanceMicroseconds(1);
        using var run = new TempRunDirectory();

        profiler.ReportEpoch(1, final: false, run.Path);   // its marker is the 9th event: dropped too

        var trace = TraceFile.LoadAndValidate(run.File(TraceProfiler.FileName));
        Assert.Equal(["op0", "op1", "op2", "op3", "op4"], trace.Phase("X").Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(4, trace.Dropped);
        var warning = Assert.Single(_log.Events, e => e.Level == LogEventLevel.Warning);
        Assert.Equal(4L, CollectingLog.Scalar(warning, "DroppedCount"));
        Assert.Contains("plugins:trace:MaxEvents", warning.MessageTemplate.Text);
    }

    [Fact]
    public void The_dropped_warning_is_not_repeated_when_nothing_more_was_dropped()
    {
        var profiler = Create(maxEvents: 1);
        using (profiler.ProfileOperation("a")) { }
        using (profiler.ProfileOperation("b")) { }
        using var run = new TempRunDirectory();
        profiler.ReportEpoch(1, final: false, run.Path);   // drops "b" and the marker

        profiler.ReportEpoch(2, final: false, run.Path);   // drops its marker: one more

        Assert.Equal(2, _log.Events.Count(e => e.Level == LogEventLevel.Warning));
        Assert.Equal(3L, CollectingLog.Scalar(_log.Events.Last(e => e.Level == LogEventLevel.Warning), "DroppedCount"));
    }

    [Fact]
    public void A_MaxEvents_below_one_is_rejected_with_the_config_key_and_the_fix()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(maxEvents: 0));

        Assert.Contains("plugins:trace:MaxEvents", error.Message);
    }

    [Fact]
    public void Events_from_four_threads_are_all_kept_each_on_its_own_thread_track()
    {
        var profiler = new TraceProfiler(_log.Logger, new TraceProfilerOptions(), TimeProvider.System);
        const int threads = 4, perThread = 5_000;

        Threads.RunTogether(threads, _ =>
        {
            for (var i = 0; i < perThread; i++)
            {
                using (profiler.ProfileOperation("load")) { }
                profiler.RecordCacheHit("mel");
            }
        });
        using var run = new TempRunDirectory();
        profiler.ReportEpoch(1, final: false, run.Path);

        var trace = TraceFile.LoadAndValidate(run.File(TraceProfiler.FileName));
        var operations = trace.Phase("X").ToList();
        Assert.Equal(threads * perThread, operations.Count);
        Assert.Equal(threads, operations.Select(e => e.GetProperty("tid").GetInt32()).Distinct().Count());
        Assert.Equal(threads * perThread, trace.Phase("i").Count(e => e.GetProperty("cat").GetString() == "cache"));
        Assert.Equal(0, trace.Dropped);
    }

    [Fact]
    public void Profiling_an_operation_allocates_nothing_once_warm()
    {
        var profiler = Create();
        for (var i = 0; i < 100; i++)
            using (profiler.ProfileOperation("mel")) { }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)   // stays inside the first 16 Ki-event chunk
        {
            using (profiler.ProfileOperation("mel")) { }
            profiler.RecordCacheHit("mel");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1_000, $"1,000 operations allocated {allocated} bytes; the hot path should allocate nothing");
    }
}
