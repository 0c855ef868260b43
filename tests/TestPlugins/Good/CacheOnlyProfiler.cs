using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using Serilog;

namespace MyXtts.TestPlugins.Good;

/// <summary>Implements only the cache hooks; the host must fill ProfileOperation with the null one.</summary>
[Plugin("cache_only_profiler", Summary = "Fixture: cache hooks only")]
public sealed class CacheOnlyProfiler(ILogger log) : ICacheProfiler
{
    public void RecordCacheHit(string cache) => log.Information("Fixture cache {Event} {Cache}", "hit", cache);
    public void RecordCacheMiss(string cache) => log.Information("Fixture cache {Event} {Cache}", "miss", cache);
    public void RecordCacheError(string cache, Exception error) => log.Information("Fixture cache {Event} {Cache}", "error", cache);
}
