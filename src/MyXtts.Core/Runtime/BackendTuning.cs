using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>
/// <c>data.enable_xla</c> on this stack. There is no XLA, torch.compile or TorchScript-fuser switch in TorchSharp 0.107,
/// so the nearest equivalent is "let the backend trade exactness for speed":
/// on CUDA, TF32 for float32 matmuls (cuBLAS) and convolutions (cuDNN) plus cuDNN autotuning (benchmark mode, off while
/// deterministic algorithms are on); with <c>false</c> all three are off (strict float32). On CPU nothing changes, and the
/// log says so.
/// </summary>
public static class BackendTuning
{
    public const string NoCpuEffect = "no effect on CPU: TorchSharp 0.107 has no graph compiler or kernel fusion to enable, and TF32/cuDNN switches are CUDA-only";

    public static string Apply(bool enableXla, bool deterministic, torch.Device device)
    {
        if (device.type != DeviceType.CUDA) return enableXla ? NoCpuEffect : "strict float32 (no CPU switches involved)";
        torch.backends.cuda.matmul.allow_tf32 = enableXla;
        torch.backends.cudnn.allow_tf32 = enableXla;
        var benchmark = enableXla && !deterministic;
        string benchmarkEffect;
        if (LibTorchContext.IsAvailable)
        {
            LibTorchContext.BenchmarkCuDnn = benchmark;
            benchmarkEffect = benchmark ? "cuDNN benchmark on" : deterministic && enableXla ? "cuDNN benchmark off (deterministic algorithms requested)" : "cuDNN benchmark off";
        }
        else benchmarkEffect = "cuDNN benchmark unavailable on this platform (left at libtorch's default, off)";
        var tf32 = enableXla ? "on" : "off";
        return $"TF32 matmul {tf32}, TF32 cuDNN convolutions {tf32}, {benchmarkEffect}";
    }
}
