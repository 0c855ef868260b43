namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// Fires once when a collective (all-reduce, broadcast, barrier) has waited longer than the timeout. A rank that
/// crashes is noticed by <c>mpirun</c>, which ends the job at once; this covers the rest: a rank that hangs, is stopped,
/// or sits on a machine that dropped off the network, where the others would otherwise wait in the collective forever
/// (the classic DDP hang). A background thread polls, so the waiting thread needs no cooperation.
/// </summary>
public sealed class CollectiveWatchdog : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly Action<string, TimeSpan, TimeSpan> _onTimeout;
    private readonly TimeProvider _time;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private string? _operation;
    private long _startedAt;
    private TimeSpan _limit;
    private bool _fired, _disposed;

    /// <param name="timeout">How long one collective may wait unless <see cref="Enter"/> says otherwise.</param>
    /// <param name="onTimeout">Called once, on the watchdog thread, with the operation, how long it has waited and the limit.</param>
    /// <param name="time">The clock (tests pass a fake one).</param>
    public CollectiveWatchdog(TimeSpan timeout, Action<string, TimeSpan, TimeSpan> onTimeout, TimeProvider? time = null)
    {
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the collective timeout must be positive");
        (_timeout, _onTimeout, _time) = (timeout, onTimeout, time ?? TimeProvider.System);
        _thread = new Thread(Watch) { IsBackground = true, Name = "MPI collective watchdog" };
        _thread.Start();
    }

    public TimeSpan Timeout => _timeout;

    /// <summary>Marks the start of <paramref name="operation"/>, which may wait <paramref name="timeout"/> (default: the watchdog's); disposing the result marks its end.</summary>
    public Scope Enter(string operation, TimeSpan? timeout = null)
    {
        lock (_gate) (_operation, _startedAt, _limit) = (operation, _time.GetTimestamp(), timeout ?? _timeout);
        return new Scope(this);
    }

    private void Leave()
    {
        lock (_gate) _operation = null;
    }

    private void Watch()
    {
        // Poll at a tenth of the timeout (at most once a second): the error comes at most 10 % late.
        var interval = TimeSpan.FromTicks(Math.Clamp(_timeout.Ticks / 10, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));
        lock (_gate)
        {
            while (!_disposed)
            {
                Monitor.Wait(_gate, interval);
                if (_disposed || _fired || _operation is not { } operation) continue;
                var waited = _time.GetElapsedTime(_startedAt);
                if (waited < _limit) continue;
                _fired = true;
                var limit = _limit;
                Monitor.Exit(_gate);   // the callback may block (it ends the process); never hold the lock across it
                try { _onTimeout(operation, waited, limit); }
                finally { Monitor.Enter(_gate); }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    /// <summary>The span of one collective.</summary>
    public readonly struct Scope(CollectiveWatchdog owner) : IDisposable
    {
        public void Dispose() => owner.Leave();
    }
}
