using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Data.Batching;

/// <summary>How the loader hands over prefetched batches (see <see cref="PrefetchPlacement"/>).</summary>
public enum PrefetchMode
{
    /// <summary>Host memory, where a CPU model reads them; nothing to copy.</summary>
    HostMemory,
    /// <summary><c>--prefetch-to-gpu</c> on a CPU run: nothing to copy, so the flag changes nothing (and says so).</summary>
    HostMemoryGpuFlagIgnored,
    /// <summary><c>--no-prefetch-to-gpu</c> on CUDA: host memory; each step copies its batch when it starts.</summary>
    HostMemoryByRequest,
    /// <summary>CUDA (the default there): pinned host memory and non-blocking copies made while the previous step runs.</summary>
    PinnedToGpu,
}

/// <summary>
/// Where prefetched batches go: <c>--prefetch-to-gpu</c> / <c>--no-prefetch-to-gpu</c> (or neither) against the training
/// device. <see cref="Target"/> is what <see cref="PrefetchingBatchLoader"/> takes as <c>toDevice</c>.
/// </summary>
public sealed record PrefetchPlacement(PrefetchMode Mode, Device? Target)
{
    /// <param name="device">The training device.</param>
    /// <param name="requested">true for <c>--prefetch-to-gpu</c>, false for <c>--no-prefetch-to-gpu</c>, null for neither (on by default on CUDA).</param>
    public static PrefetchPlacement Choose(Device device, bool? requested) => (device.type, requested) switch
    {
        (not DeviceType.CUDA, true) => new(PrefetchMode.HostMemoryGpuFlagIgnored, null),
        (not DeviceType.CUDA, _) => new(PrefetchMode.HostMemory, null),
        (_, false) => new(PrefetchMode.HostMemoryByRequest, null),
        _ => new(PrefetchMode.PinnedToGpu, device),
    };

    /// <summary>One line about the choice, except for the plain CPU case where there is nothing to say.</summary>
    public void Log(ILogger log, Device device)
    {
        switch (Mode)
        {
            case PrefetchMode.HostMemoryGpuFlagIgnored:
                log.Information("--prefetch-to-gpu has no effect on device {Device}: batches stay in host memory, where the model reads them", device.ToString());
                break;
            case PrefetchMode.HostMemoryByRequest:
                log.Information("Prefetched batches stay in host memory (--no-prefetch-to-gpu); each step copies its batch to {Device}", device.ToString());
                break;
            case PrefetchMode.PinnedToGpu:
                log.Information("Prefetching batches to {Device}: pinned host memory, non-blocking copies overlapping the previous step", device.ToString());
                break;
        }
    }
}
