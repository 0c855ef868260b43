using Serilog;

namespace MyXtts.Host.Plugins.Profiling;

/// <summary>
/// One hook of a profiler plugin that may fail. The first exception is logged once (plugin, hook, exception) and
/// turns the hook off for the rest of the run: a profiler observes a run, it never stops one.
/// </summary>
internal sealed class ProfilerHook(string plugin, string hook, ILogger log)
{
    private int _failed;

    /// <summary>False once the hook has thrown.</summary>
    public bool Enabled => Volatile.Read(ref _failed) == 0;

    /// <summary>Records the failure; only the first of any number of (possibly concurrent) failures is logged.</summary>
    public void Fail(Exception error)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0) return;
        log.Warning(error, "Profiler {Plugin} failed in {Hook}; it records nothing there for the rest of the run ({ErrorType}: {ErrorMessage})",
            plugin, hook, error.GetType().Name, error.Message);
    }
}
