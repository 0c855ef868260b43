using System.Runtime.InteropServices;

namespace MyXtts.Core.Runtime;

/// <summary>
/// libtorch global switches that TorchSharp 0.107 does not wrap (its <c>torch.use_deterministic_algorithms</c> is marked
/// [Obsolete("not implemented")] and there is no <c>cudnn.benchmark</c>). They are called through libtorch_cpu's exported
/// <c>at::Context</c> members (Itanium C++ ABI: <c>this</c> is the first argument), so they work on linux-x64 only; elsewhere
/// <see cref="IsAvailable"/> is false and callers report the setting as unavailable instead of pretending.
/// </summary>
internal static class LibTorchContext
{
    private const string Lib = "libtorch_cpu";

    public static bool IsAvailable { get; } = Probe();

    public static bool DeterministicAlgorithms
    {
        get => GetDeterministicAlgorithms(GlobalContext());
        set => SetDeterministicAlgorithms(GlobalContext(), value, warnOnly: false);
    }

    public static bool BenchmarkCuDnn
    {
        get => GetBenchmarkCuDnn(GlobalContext());
        set => SetBenchmarkCuDnn(GlobalContext(), value);
    }

    public static bool DeterministicCuDnn
    {
        get => GetDeterministicCuDnn(GlobalContext());
        set => SetDeterministicCuDnn(GlobalContext(), value);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        try
        {
            _ = TorchSharp.torch.get_num_threads();   // let TorchSharp load libtorch first, so this resolves to the same library
            _ = GetDeterministicAlgorithms(GlobalContext());
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport(Lib, EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport(Lib, EntryPoint = "_ZNK2at7Context23deterministicAlgorithmsEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool GetDeterministicAlgorithms(IntPtr context);

    [DllImport(Lib, EntryPoint = "_ZN2at7Context26setDeterministicAlgorithmsEbb")]
    private static extern void SetDeterministicAlgorithms(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled, [MarshalAs(UnmanagedType.U1)] bool warnOnly);

    [DllImport(Lib, EntryPoint = "_ZNK2at7Context14benchmarkCuDNNEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool GetBenchmarkCuDnn(IntPtr context);

    [DllImport(Lib, EntryPoint = "_ZN2at7Context17setBenchmarkCuDNNEb")]
    private static extern void SetBenchmarkCuDnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport(Lib, EntryPoint = "_ZNK2at7Context18deterministicCuDNNEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool GetDeterministicCuDnn(IntPtr context);

    [DllImport(Lib, EntryPoint = "_ZN2at7Context21setDeterministicCuDNNEb")]
    private static extern void SetDeterministicCuDnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
