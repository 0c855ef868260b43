using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>
/// The device and numeric settings in force for a run. Disposing it restores the process-wide switches it changed
/// (anomaly detection, deterministic algorithms); device, threads and seed stay as set.
/// </summary>
public sealed class DeviceContext(
    torch.Device device, DeviceSpec requested, PrecisionPolicy precision, int intraOpThreads, int interopThreads,
    string accelerationEffect, string debugEffect, IReadOnlyList<Action> restore) : IDisposable
{
    public torch.Device Device { get; } = device;
    public DeviceSpec Requested { get; } = requested;
    public PrecisionPolicy Precision { get; } = precision;
    public int IntraOpThreads { get; } = intraOpThreads;
    public int InteropThreads { get; } = interopThreads;

    /// <summary>What <c>data.enable_xla</c> changed, in words (also logged).</summary>
    public string AccelerationEffect { get; } = accelerationEffect;

    /// <summary>What <c>training.enable_eager_debug</c> changed, in words (also logged).</summary>
    public string DebugEffect { get; } = debugEffect;

    private IReadOnlyList<Action>? _restore = restore;

    public void Dispose()
    {
        var restore = Interlocked.Exchange(ref _restore, null);
        if (restore is null) return;
        foreach (var action in restore.Reverse()) action();
    }
}
