using System.Runtime;

namespace MyXtts.Core.Runtime;

/// <summary>
/// Confines .NET garbage collections to safe points, because TorchSharp 0.107 races with them.
/// </summary>
/// <remarks>
/// TorchSharp frees a <c>Scalar</c> in its finalizer, and the scalars it creates implicitly (the alpha 1 of every
/// <c>a + b</c>, the 2 of <c>x * 2</c>, a default argument) become unreachable as soon as their native handle has been
/// read, before the native call that uses them returns. A collection triggered by another thread (the prefetching loader
/// allocates feature arrays) while the torch thread is inside that call lets the finalizer thread free the scalar
/// mid-call, and libtorch reads freed memory: "Unknown scalar type", "For integral input tensors, argument alpha must not
/// be a floating point number", or a segmentation fault with no log line. <c>tests/MyXtts.Core.Tests/Runtime</c>
/// reproduces it (about one failure per 100,000 additions with a thread allocating 100 MB/s) and shows it gone here.
/// <para>
/// The cure is to let collections happen only where the torch thread is in managed code between operations: from one
/// safe point to the next the process stays in a no-GC region (<see cref="GC.TryStartNoGCRegion(long)"/>), and a safe
/// point renews the region — one blocking collection — once half its allocation budget is used or every
/// <see cref="RenewEvery"/> safe points, whichever comes first. The trainer calls
/// <see cref="Reach"/> before every step and validation batch; one-off work (a synthesis request) runs inside
/// <see cref="Enter"/>. When other threads allocate more than the budget between two safe points, the runtime collects
/// anyway and ends the region; the next safe point starts a new one. Torch work on several threads at once (the cold-cache
/// feature workers) is only protected while a region holds.
/// </para>
/// </remarks>
public static class CollectionSafePoints
{
    /// <summary>Bytes all threads may allocate between safe points without a collection.</summary>
    public const long Budget = 128L << 20;

    /// <summary>
    /// Safe points after which the region is renewed even when little managed memory was allocated: libtorch memory held
    /// by tensor wrappers that only a finalizer frees (TorchSharp's own temporaries, gradients read through <c>.grad</c>)
    /// is invisible to the allocation budget, so it is freed at least this often.
    /// </summary>
    public const int RenewEvery = 16;

    private static readonly object Gate = new();
    private static long _regionStart;
    private static int _reachedSinceRenewal;
    private static bool _unsupported;

    /// <summary>Whether a no-GC region holds now (some thread reached a safe point and no collection has happened since).</summary>
    public static bool RegionActive => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>
    /// A safe point: the calling thread is in no native torch call. Starts a no-GC region when none holds, or renews the
    /// current one (one collection, here) when half of <see cref="Budget"/> is used.
    /// </summary>
    public static void Reach()
    {
        lock (Gate)
        {
            if (_unsupported) return;
            if (RegionActive)
            {
                if (++_reachedSinceRenewal < RenewEvery && GC.GetTotalAllocatedBytes() - _regionStart < Budget / 2) return;
                EndRegion();
            }
            // Finalizers must have run before the next region: inside one they were starved, and the libtorch memory of
            // the wrappers they free grew by 0.6 MB per step (bench/TrainerMemory acoustic: +173 MB in 300 steps; +9 MB now).
            GC.Collect();
            GC.WaitForPendingFinalizers();
            StartRegion();
            _reachedSinceRenewal = 0;
        }
    }

    /// <summary>
    /// Runs the caller's next statements in a no-GC region, ending it on dispose if this call started it (a region that
    /// already holds, e.g. the trainer's, is left to its owner).
    /// </summary>
    public static IDisposable Enter()
    {
        lock (Gate)
        {
            if (_unsupported || RegionActive) return NoRegion.Instance;
            StartRegion();
            return RegionActive ? new OwnedRegion() : NoRegion.Instance;
        }
    }

    /// <summary>Ends the region, if one holds: normal collections resume (at the end of training).</summary>
    public static void Leave()
    {
        lock (Gate) EndRegion();
    }

    private static void StartRegion()
    {
        try
        {
            if (GC.TryStartNoGCRegion(Budget)) _regionStart = GC.GetTotalAllocatedBytes();
        }
        catch (ArgumentOutOfRangeException)
        {
            _unsupported = true;      // the budget exceeds what this GC configuration allows: run without regions
        }
        catch (InvalidOperationException)
        {
            // another component of the process started its own region; leave it alone
        }
    }

    private static void EndRegion()
    {
        if (!RegionActive) return;
        try { GC.EndNoGCRegion(); }
        catch (InvalidOperationException) { }   // a collection ended the region already (budget exceeded): nothing to end
    }

    private sealed class OwnedRegion : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Leave();
        }
    }

    private sealed class NoRegion : IDisposable
    {
        public static readonly NoRegion Instance = new();
        public void Dispose() { }
    }
}
