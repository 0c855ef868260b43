using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>
/// <c>training.enable_eager_debug</c>: autograd anomaly detection (with NaN checks; the backward op that produced a NaN
/// is named), synchronous CUDA kernels (<c>CUDA_LAUNCH_BLOCKING=1</c>, so an error points at the op that caused it),
/// and deterministic algorithms (<c>at::Context::setDeterministicAlgorithms</c>: ops without a deterministic kernel
/// raise an error; cuDNN deterministic; <c>CUBLAS_WORKSPACE_CONFIG=:4096:8</c> as cuBLAS requires). Slow: debugging only.
/// </summary>
public static class EagerDebug
{
    /// <summary>Must run before anything initialises CUDA: both variables are read once, at CUDA start-up.</summary>
    public static IReadOnlyList<string> PrepareEnvironment()
    {
        var notes = new List<string>();
        foreach (var (name, value) in new[] { ("CUDA_LAUNCH_BLOCKING", "1"), ("CUBLAS_WORKSPACE_CONFIG", ":4096:8") })
            notes.Add(NativeEnvironment.SetIfUnset(name, value) ? $"{name}={value}" : $"{name}={Environment.GetEnvironmentVariable(name)} (already set)");
        return notes;
    }

    /// <summary>Turns on anomaly detection and deterministic algorithms; the returned actions restore the previous state.</summary>
    public static (string Effect, IReadOnlyList<Action> Restore) Enable(IReadOnlyList<string> environmentNotes)
    {
        var restore = new List<Action>();
        var anomaly = torch.autograd.set_detect_anomaly(true, check_nan: true);
        restore.Add(anomaly.Dispose);
        string deterministic;
        if (LibTorchContext.IsAvailable)
        {
            var (previousAlgorithms, previousCuDnn) = (LibTorchContext.DeterministicAlgorithms, LibTorchContext.DeterministicCuDnn);
            LibTorchContext.DeterministicAlgorithms = true;
            LibTorchContext.DeterministicCuDnn = true;
            restore.Add(() => (LibTorchContext.DeterministicAlgorithms, LibTorchContext.DeterministicCuDnn) = (previousAlgorithms, previousCuDnn));
            deterministic = "deterministic algorithms on";
        }
        else deterministic = "deterministic algorithms unavailable on this platform (TorchSharp 0.107 does not wrap them)";
        return ($"anomaly detection on (NaN check), {string.Join(", ", environmentNotes)}, {deterministic}", restore);
    }
}
