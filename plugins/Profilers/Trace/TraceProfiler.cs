using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Checkpoints.IO;
using MyXtts.Plugins.Profilers.Timing;
using Serilog;

namespace MyXtts.Plugins.Profilers.Trace;

/// <summary>
/// Records every operation as a Chrome trace "X" event and every cache lookup as an instant event, and writes
/// them all to <c>&lt;run&gt;/trace.json</c> at each epoch end and at the end of the run (open it in
/// https://ui.perfetto.dev or chrome://tracing). Keeps at most <see cref="TraceProfilerOptions.MaxEvents"/> events
/// and reports how many it dropped.
/// </summary>
[Plugin("trace", Options = typeof(TraceProfilerOptions),
    Summary = "Chrome/Perfetto trace of every operation and cache lookup, written to trace.json each epoch")]
public sealed class TraceProfiler : IProfiler, IEpochReporter, IOperationSink
{
    /// <summary>The trace's file name in the run folder.</summary>
    public const string FileName = "trace.json";

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TraceBuffer _buffer;
    private readonly bool _recordCacheEvents;
    private readonly long _origin;
    private readonly int _processId = Environment.ProcessId;
    private readonly object _reportLock = new();
    private long _droppedReported;

    /// <summary>Creates the profiler with the system clock (<see cref="System.Diagnostics.Stopwatch"/> timestamps).</summary>
    public TraceProfiler(ILogger logger, TraceProfilerOptions options)
        : this(logger, options, TimeProvider.System)
    {
    }

    internal TraceProfiler(ILogger logger, TraceProfilerOptions options, TimeProvider time)
    {
        options.Validate();
        _logger = logger;
        _time = time;
        _buffer = new TraceBuffer(options.MaxEvents);
        _recordCacheEvents = options.RecordCacheEvents;
        _origin = time.GetTimestamp();
    }

    /// <inheritdoc />
    public IDisposable ProfileOperation(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return OperationScope.Begin(this, name, _time.GetTimestamp());
    }

    void IOperationSink.EndOperation(object state, long startTimestamp, int threadId) =>
        _buffer.Add(new TraceEvent(TraceEventKind.Operation, (string)state, null, startTimestamp,
            _time.GetTimestamp() - startTimestamp, threadId));

    /// <inheritdoc />
    public void RecordCacheHit(string cache) => RecordCache(TraceEventKind.CacheHit, cache, null);

    /// <inheritdoc />
    public void RecordCacheMiss(string cache) => RecordCache(TraceEventKind.CacheMiss, cache, null);

    /// <inheritdoc />
    public void RecordCacheError(string cache, Exception error) => RecordCache(TraceEventKind.CacheError, cache, error.Message);

    /// <inheritdoc />
    public void ReportEpoch(int epoch, bool final, string runDirectory)
    {
        lock (_reportLock)
        {
            var marker = final ? TraceEventKind.RunEnd : TraceEventKind.EpochEnd;
            _buffer.Add(new TraceEvent(marker, "epoch", null, _time.GetTimestamp(), epoch, Environment.CurrentManagedThreadId));
            var snapshot = _buffer.Snapshot();
            var path = Path.Combine(runDirectory, FileName);
            AtomicFile.Write(path, stream =>
                TraceFileWriter.Write(stream, snapshot, _origin, _time.TimestampFrequency, _processId));
            _logger.Information("Trace of {EventCount} events written to {TracePath}", snapshot.Count, path);
            if (snapshot.Dropped > _droppedReported)
                _logger.Warning(
                    "Trace is full: {DroppedCount} events dropped after the first {MaxEvents}; raise plugins:trace:MaxEvents " +
                    "(about 40 bytes of memory each) or set plugins:trace:RecordCacheEvents=false to keep more operations",
                    snapshot.Dropped, _buffer.MaxEvents);
            _droppedReported = snapshot.Dropped;
        }
    }

    private void RecordCache(TraceEventKind kind, string cache, string? detail)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (_recordCacheEvents)
            _buffer.Add(new TraceEvent(kind, cache, detail, _time.GetTimestamp(), 0, Environment.CurrentManagedThreadId));
    }
}
