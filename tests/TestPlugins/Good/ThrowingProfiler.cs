using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;

namespace MyXtts.TestPlugins.Good;

/// <summary>
/// Every hook throws; ProfileOperation throws MissingMethodException, the way a plugin built against an older
/// contract fails at its first call.
/// </summary>
[Plugin("throwing_profiler", Summary = "Fixture: every hook throws")]
public sealed class ThrowingProfiler : IProfiler, IEpochReporter
{
    public void RecordCacheHit(string cache) => throw new InvalidOperationException("fixture hit failure");
    public void RecordCacheMiss(string cache) => throw new InvalidOperationException("fixture miss failure");
    public void RecordCacheError(string cache, Exception error) => throw new InvalidOperationException("fixture error failure");
    public IDisposable ProfileOperation(string name) => throw new MissingMethodException("Fixture", "OldHook");
    public void ReportEpoch(int epoch, bool final, string runDirectory) => throw new InvalidOperationException("fixture report failure");
}
