using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// Whether every rank holds bit-identical weights: a 64-bit hash of the raw bytes of every parameter and buffer, compared
/// with rank 0's. Data-parallel replicas must never drift (they start from rank 0's weights and apply the same averaged
/// gradients); a mismatch means a non-deterministic reduction or an unsynchronised buffer, and only rank 0's weights are saved.
/// </summary>
public static class ReplicaCheck
{
    /// <summary>True on every rank when all ranks' weights are identical; <paramref name="hash"/> is this rank's hash. All ranks call it together.</summary>
    public static bool Identical(IProcessGroup group, nn.Module module, out ulong hash)
    {
        hash = Hash(module);
        if (group.WorldSize == 1) return true;
        using var scope = NewDisposeScope();
        var halves = tensor(new[] { (double)(hash >> 32), (double)(hash & 0xFFFFFFFF) });   // each half exact in a double
        group.Broadcast([halves]);
        var rank0 = halves.data<double>().ToArray();
        var same = (ulong)rank0[0] == hash >> 32 && (ulong)rank0[1] == (hash & 0xFFFFFFFF);
        return !group.AnyRank(!same);
    }

    /// <summary>FNV-1a over the bytes of every state-dict tensor, in key order.</summary>
    public static ulong Hash(nn.Module module)
    {
        using var scope = NewDisposeScope();
        var h = 14695981039346656037UL;
        foreach (var (_, value) in module.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var host = value.detach().to(CPU).contiguous();
            foreach (var b in host.bytes) h = (h ^ b) * 1099511628211UL;
        }
        return h;
    }
}
