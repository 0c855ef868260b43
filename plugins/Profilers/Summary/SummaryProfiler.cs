using System.Text.Json;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Checkpoints.IO;
using MyXtts.Plugins.Profilers.Naming;
using MyXtts.Plugins.Profilers.Timing;
using Serilog;

namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>
/// Counts and timing percentiles per operation, hit rates per cache. At each epoch end it logs the epoch's table and
/// writes <c>profile-summary.json</c> and <c>profile-summary.txt</c> (that epoch and the run so far) into the run
/// folder; the final report logs the run totals. Memory is fixed: one <see cref="LogHistogram"/> pair per name,
/// at most <see cref="SummaryProfilerOptions.MaxNames"/> names.
/// </summary>
[Plugin("summary", Options = typeof(SummaryProfilerOptions),
    Summary = "Timing percentiles per operation and hit rates per cache; logged and written to profile-summary.json/.txt each epoch")]
public sealed class SummaryProfiler : IProfiler, IEpochReporter, IOperationSink
{
    /// <summary>The JSON report's file name in the run folder.</summary>
    public const string JsonFileName = "profile-summary.json";

    /// <summary>The text table's file name in the run folder.</summary>
    public const string TextFileName = "profile-summary.txt";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly BoundedNameMap<OperationStats> _operations;
    private readonly BoundedNameMap<CacheStats> _caches;
    private readonly object _reportLock = new();

    /// <summary>Creates the profiler with the system clock (<see cref="System.Diagnostics.Stopwatch"/> timestamps).</summary>
    public SummaryProfiler(ILogger logger, SummaryProfilerOptions options)
        : this(logger, options, TimeProvider.System)
    {
    }

    internal SummaryProfiler(ILogger logger, SummaryProfilerOptions options, TimeProvider time)
    {
        options.Validate();
        _logger = logger;
        _time = time;
        _operations = new BoundedNameMap<OperationStats>(options.MaxNames, static name => new OperationStats(name));
        _caches = new BoundedNameMap<CacheStats>(options.MaxNames, static name => new CacheStats(name));
    }

    /// <inheritdoc />
    public IDisposable ProfileOperation(string name) =>
        OperationScope.Begin(this, _operations.Get(name), _time.GetTimestamp());

    void IOperationSink.EndOperation(object state, long startTimestamp, int threadId) =>
        ((OperationStats)state).Record(_time.GetTimestamp() - startTimestamp);

    /// <inheritdoc />
    public void RecordCacheHit(string cache) => _caches.Get(cache).Hit();

    /// <inheritdoc />
    public void RecordCacheMiss(string cache) => _caches.Get(cache).Miss();

    /// <inheritdoc />
    public void RecordCacheError(string cache, Exception error) => _caches.Get(cache).Error(error);

    /// <inheritdoc />
    public void ReportEpoch(int epoch, bool final, string runDirectory)
    {
        lock (_reportLock)
        {
            var summary = RollOver(epoch, final);
            SummaryLog.Write(_logger, summary);
            AtomicFile.Write(Path.Combine(runDirectory, JsonFileName),
                stream => JsonSerializer.Serialize(stream, summary, JsonOptions));
            AtomicFile.Write(Path.Combine(runDirectory, TextFileName), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(SummaryTable.Format(summary))));
        }
    }

    private ProfileSummary RollOver(int epoch, bool final)
    {
        var frequency = _time.TimestampFrequency;
        var epochOps = new List<OperationSummary>();
        var runOps = new List<OperationSummary>();
        foreach (var stats in _operations.All())
        {
            var (e, r) = stats.RollOver(frequency);
            if (e is not null) epochOps.Add(e);
            if (r is not null) runOps.Add(r);
        }
        var epochCaches = new List<CacheSummary>();
        var runCaches = new List<CacheSummary>();
        foreach (var stats in _caches.All())
        {
            var (e, r) = stats.RollOver();
            if (e is not null) epochCaches.Add(e);
            if (r is not null) runCaches.Add(r);
        }
        return new ProfileSummary(epoch, final, _time.GetUtcNow(), Section(epochOps, epochCaches), Section(runOps, runCaches));
    }

    // Most expensive operations first: that is what a reader of the table is looking for.
    private static ProfileSection Section(List<OperationSummary> operations, List<CacheSummary> caches)
    {
        operations.Sort(static (a, b) =>
        {
            var byTime = b.TotalMs.CompareTo(a.TotalMs);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Operation, b.Operation);
        });
        caches.Sort(static (a, b) => string.CompareOrdinal(a.Cache, b.Cache));
        return new ProfileSection(operations, caches);
    }
}
