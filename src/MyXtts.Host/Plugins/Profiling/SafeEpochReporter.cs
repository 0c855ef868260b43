using MyXtts.Abstractions.Profiling;
using Serilog;

namespace MyXtts.Host.Plugins.Profiling;

/// <summary>
/// The profiler's optional <see cref="IEpochReporter"/> capability behind the same guard as its hooks. A profiler
/// without the capability gets a reporter that does nothing, without a warning (the capability is optional).
/// </summary>
public sealed class SafeEpochReporter : IEpochReporter
{
    private readonly IEpochReporter? _inner;
    private readonly ProfilerHook _hook;

    private SafeEpochReporter(string plugin, IEpochReporter? inner, ILogger log)
    {
        _inner = inner;
        _hook = new ProfilerHook(plugin, nameof(ReportEpoch), log);
    }

    /// <summary>Reports nothing; stands in when no profiler, or one without the capability, is selected.</summary>
    public static IEpochReporter None { get; } = new SafeEpochReporter("none", null, Serilog.Core.Logger.None);

    /// <summary>The guarded reporter of <paramref name="instance"/>, or <see cref="None"/> when it does not report epochs.</summary>
    public static IEpochReporter Wrap(string plugin, object instance, ILogger log) =>
        instance is IEpochReporter reporter ? new SafeEpochReporter(plugin, reporter, log) : None;

    /// <inheritdoc />
    public void ReportEpoch(int epoch, bool final, string runDirectory)
    {
        if (_inner is null || !_hook.Enabled) return;
        try { _inner.ReportEpoch(epoch, final, runDirectory); }
        catch (Exception e) { _hook.Fail(e); }
    }
}
