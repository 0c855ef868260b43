namespace MyXtts.Plugins.Profilers.Timing;

/// <summary>
/// The object <c>ProfileOperation</c> returns. The contract returns <see cref="IDisposable"/>, so a struct would be
/// boxed on every call; instead each thread keeps a few finished scopes and reuses them, so steady-state profiling
/// allocates nothing. A scope disposed on another thread simply joins that thread's pool.
/// </summary>
internal sealed class OperationScope : IDisposable
{
    // Nesting deeper than this on one thread just allocates the extra scopes; 8 covers realistic nesting.
    private const int PoolSize = 8;

    [ThreadStatic] private static OperationScope?[]? t_pool;
    [ThreadStatic] private static int t_pooled;

    private IOperationSink? _sink;
    private object? _state;
    private long _start;
    private int _threadId;

    private OperationScope() { }

    /// <summary>Rents a scope that reports to <paramref name="sink"/> with <paramref name="state"/> when disposed.</summary>
    public static OperationScope Begin(IOperationSink sink, object state, long startTimestamp)
    {
        var scope = Rent();
        scope._sink = sink;
        scope._state = state;
        scope._start = startTimestamp;
        scope._threadId = Environment.CurrentManagedThreadId;
        return scope;
    }

    /// <summary>Ends the operation. A second Dispose of the same scope is ignored (until the scope is rented again).</summary>
    public void Dispose()
    {
        var sink = _sink;
        if (sink is null)
            return;
        var state = _state!;
        var start = _start;
        var threadId = _threadId;
        _sink = null;
        _state = null;
        Return(this);
        sink.EndOperation(state, start, threadId);
    }

    private static OperationScope Rent()
    {
        var pool = t_pool;
        if (pool is null || t_pooled == 0)
            return new OperationScope();
        var scope = pool[--t_pooled]!;
        pool[t_pooled] = null;
        return scope;
    }

    private static void Return(OperationScope scope)
    {
        var pool = t_pool ??= new OperationScope?[PoolSize];
        if (t_pooled < PoolSize)
            pool[t_pooled++] = scope;
    }
}
