using System.Runtime.InteropServices;
using Serilog;

namespace MyXtts.Host.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM (what <c>kill</c>, <c>docker stop</c> and batch schedulers send before they kill) into
/// one stop request, so a training run saves a checkpoint after its current step and exits cleanly. A second signal of
/// either kind ends the process at once.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConsoleCancelEventHandler _onCancel;
    private readonly PosixSignalRegistration _onTerminate;
    private readonly ILogger _log;
    private readonly string _saving;

    /// <param name="log">Where the stop request is announced.</param>
    /// <param name="saving">What is saved before stopping, e.g. "a checkpoint" or "a stage-2 checkpoint".</param>
    public StopSignals(ILogger log, string saving = "a checkpoint")
    {
        (_log, _saving) = (log, saving);
        _onCancel = (_, e) => e.Cancel = Request("Ctrl-C");
        Console.CancelKeyPress += _onCancel;
        _onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = Request("SIGTERM"));
    }

    /// <summary>Cancelled when a stop was requested.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal asks for a stop (and keeps the process alive); later ones take the default action.</summary>
    private bool Request(string signal)
    {
        if (_stop.IsCancellationRequested) return false;
        _stop.Cancel();
        _log.Warning("Stop requested ({Signal}): saving {Saving} after the current step (send it again to quit at once)", signal, _saving);
        return true;
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= _onCancel;
        _onTerminate.Dispose();
        _stop.Dispose();
    }
}
