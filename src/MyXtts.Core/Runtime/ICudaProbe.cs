using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>What the loaded libtorch offers; a fake stands in for it in tests on CPU-only machines.</summary>
public interface ICudaProbe
{
    /// <summary>True when the CUDA build of libtorch is next to the executable (built with <c>-p:TorchBackend=cuda</c>).</summary>
    bool IsCudaBuild { get; }
    bool IsAvailable { get; }
    int DeviceCount { get; }
}

/// <summary>Asks TorchSharp, and looks for <c>libtorch_cuda.so</c> beside the executable to tell the CPU build from a missing GPU.</summary>
public sealed class TorchCudaProbe : ICudaProbe
{
    public static TorchCudaProbe Instance { get; } = new();

    public bool IsCudaBuild =>
        File.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libtorch_cuda.so"))
        || File.Exists(Path.Combine(AppContext.BaseDirectory, "libtorch_cuda.so"));
    public bool IsAvailable => torch.cuda.is_available();
    public int DeviceCount => IsAvailable ? torch.cuda.device_count() : 0;
}
