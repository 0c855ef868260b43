using MyXtts.Abstractions.Profiling;
using Serilog;

namespace MyXtts.Host.Plugins.Profiling;

/// <summary>
/// The <see cref="IProfiler"/> the engine calls, built from whatever the selected profiler plugin implements. A hook
/// the plugin lacks is <see cref="NullProfiler"/>'s (one warning at the start of the run); a hook that throws, e.g.
/// MissingMethodException from a plugin built against an older contract, is logged once and then replaced by
/// <see cref="NullProfiler"/>'s.
/// </summary>
public sealed class SafeProfiler : IProfiler
{
    private readonly ICacheProfiler _cache;
    private readonly IOperationProfiler _operations;
    private readonly ProfilerHook _hit, _miss, _error, _operation;

    private SafeProfiler(string plugin, object instance, ILogger log)
    {
        _cache = instance as ICacheProfiler ?? NullProfiler.Instance;
        _operations = instance as IOperationProfiler ?? NullProfiler.Instance;
        _hit = Hook(nameof(RecordCacheHit), instance is ICacheProfiler);
        _miss = Hook(nameof(RecordCacheMiss), instance is ICacheProfiler);
        _error = Hook(nameof(RecordCacheError), instance is ICacheProfiler);
        _operation = Hook(nameof(ProfileOperation), instance is IOperationProfiler);

        ProfilerHook Hook(string name, bool implemented)
        {
            if (!implemented)
                log.Warning("Profiler {Plugin} does not implement {Hook}; using NullProfiler's (records nothing)", plugin, name);
            return new ProfilerHook(plugin, name, log);
        }
    }

    /// <summary>The safe profiler for plugin <paramref name="plugin"/>'s <paramref name="instance"/>.</summary>
    public static IProfiler Wrap(string plugin, object instance, ILogger log) => new SafeProfiler(plugin, instance, log);

    /// <inheritdoc />
    public void RecordCacheHit(string cache)
    {
        if (!_hit.Enabled) return;
        try { _cache.RecordCacheHit(cache); }
        catch (Exception e) { _hit.Fail(e); }
    }

    /// <inheritdoc />
    public void RecordCacheMiss(string cache)
    {
        if (!_miss.Enabled) return;
        try { _cache.RecordCacheMiss(cache); }
        catch (Exception e) { _miss.Fail(e); }
    }

    /// <inheritdoc />
    public void RecordCacheError(string cache, Exception error)
    {
        if (!_error.Enabled) return;
        try { _cache.RecordCacheError(cache, error); }
        catch (Exception e) { _error.Fail(e); }
    }

    /// <inheritdoc />
    public IDisposable ProfileOperation(string name)
    {
        if (!_operation.Enabled) return NullProfiler.Instance.ProfileOperation(name);
        try
        {
            var scope = _operations.ProfileOperation(name)
                        ?? throw new InvalidOperationException($"{nameof(ProfileOperation)}(\"{name}\") returned null instead of a scope");
            return new SafeScope(scope, _operation);
        }
        catch (Exception e)
        {
            _operation.Fail(e);
            return NullProfiler.Instance.ProfileOperation(name);
        }
    }

    /// <summary>Stopping the timer belongs to the same hook: a throwing Dispose disables ProfileOperation too.</summary>
    private sealed class SafeScope(IDisposable inner, ProfilerHook hook) : IDisposable
    {
        public void Dispose()
        {
            try { inner.Dispose(); }
            catch (Exception e) { hook.Fail(e); }
        }
    }
}
