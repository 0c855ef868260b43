using static TorchSharp.torch;

namespace MyXtts.Core.Training.Distributed;

/// <summary>One process: the mean over one process is the value itself, so every collective returns at once.</summary>
public sealed class SingleProcessGroup : IProcessGroup
{
    public static SingleProcessGroup Instance { get; } = new();

    private SingleProcessGroup() { }

    public int Rank => 0;
    public int WorldSize => 1;
    public void AllReduceMean(IReadOnlyList<Tensor> tensors) { }
    public void Broadcast(IReadOnlyList<Tensor> tensors, int root = 0)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "A single-process group has only rank 0.");
    }
    public void Barrier() { }
}
