using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Distributed;

/// <summary>Raw access to a tensor's host memory for MPI, which reads and writes it in place (no managed copy).</summary>
internal static unsafe class HostMemory
{
    /// <summary>True when MPI can use the tensor's own memory: on the CPU and contiguous.</summary>
    public static bool IsDirect(Tensor tensor) => tensor.device_type == DeviceType.CPU && tensor.is_contiguous();

    /// <summary>Address of the first element of a CPU, contiguous tensor (zero for an empty one).</summary>
    public static nint Address(Tensor tensor)
    {
        if (!IsDirect(tensor)) throw new ArgumentException("MPI needs a contiguous CPU tensor; stage other tensors through a CPU copy.", nameof(tensor));
        if (tensor.numel() == 0) return 0;
        return (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));
    }
}
