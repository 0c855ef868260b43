using static TorchSharp.torch;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// The processes training one model together. The loop reduces gradients and agrees on state only through this
/// interface, so a multi-process implementation (MPI, NCCL) can replace <see cref="SingleProcessGroup"/> without
/// touching the loop. Only rank 0 logs and writes checkpoints.
/// </summary>
public interface IProcessGroup
{
    /// <summary>This process's index, 0 ≤ rank &lt; <see cref="WorldSize"/>.</summary>
    int Rank { get; }

    /// <summary>Number of processes.</summary>
    int WorldSize { get; }

    /// <summary>Replaces each tensor, in place, with the mean of that tensor over all processes.</summary>
    void AllReduceMean(IReadOnlyList<Tensor> tensors);

    /// <summary>Copies <paramref name="root"/>'s values of each tensor into every other process's, in place.</summary>
    void Broadcast(IReadOnlyList<Tensor> tensors, int root = 0);

    /// <summary>Returns when every process has reached it.</summary>
    void Barrier();
}
