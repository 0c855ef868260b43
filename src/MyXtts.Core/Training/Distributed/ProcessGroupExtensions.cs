using MyXtts.Core.Data.Batching;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// What the training loop agrees on across ranks besides gradients. With one process each is the identity (nothing
/// is communicated or reseeded), so single-process training is untouched.
/// </summary>
public static class ProcessGroupExtensions
{
    /// <summary>
    /// Makes the ranks replicas before training (at start and after a resume): every parameter and buffer is copied from
    /// rank 0, the trainable parameters' gradients go into one buffer where the group supports it, and ranks other than 0
    /// reseed torch from (seed, rank, step) so their dropout differs. Rank 0 keeps its generator, so it draws exactly what
    /// a single process would.
    /// </summary>
    public static void SynchronizeReplicas(this IProcessGroup group, nn.Module module, IReadOnlyList<Parameter> trainable, long seed, long step)
    {
        if (group.WorldSize == 1) return;
        using (var scope = NewDisposeScope())
            group.Broadcast(module.state_dict().Values.ToArray());
        (group as ITrainingStart)?.TrainingStarts(trainable);
        if (group.Rank == 0) return;
        var rankSeed = (long)(StableRandom.Mix((ulong)seed, (ulong)group.Rank, (ulong)step, 0xD1) >> 1);
        manual_seed(rankSeed);
        if (cuda.is_available()) cuda.manual_seed_all(rankSeed);
    }

    /// <summary>
    /// The mean of each value over the ranks (what rank 0 logs). All ranks must call it together. When the ranks do not
    /// hold the same names (a plugin metric reported on one rank only), each keeps its own values rather than mixing
    /// unrelated numbers.
    /// </summary>
    public static IReadOnlyDictionary<string, double> AverageAcrossRanks(this IProcessGroup group, IReadOnlyDictionary<string, double> values)
    {
        if (group.WorldSize == 1) return values;
        var names = values.Keys.Order(StringComparer.Ordinal).ToArray();
        using var scope = NewDisposeScope();
        // Same names everywhere ⇔ the count and a hash of the names have zero variance over the ranks: mean(x²) = mean(x)².
        double count = names.Length, hash = NameHash(names);
        var check = tensor(new[] { count, count * count, hash, hash * hash });
        group.AllReduceMean([check]);
        var c = check.data<double>().ToArray();
        if (c[1] != c[0] * c[0] || c[3] != c[2] * c[2]) return values;
        if (names.Length == 0) return values;
        var means = tensor(names.Select(n => values[n]).ToArray());
        group.AllReduceMean([means]);
        var averaged = means.data<double>().ToArray();
        return names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => averaged[p.i], StringComparer.Ordinal);
    }

    /// <summary>Rank <paramref name="root"/>'s value (null stays null) on every rank.</summary>
    public static double? BroadcastValue(this IProcessGroup group, double? value, int root = 0)
    {
        if (group.WorldSize == 1) return value;
        using var scope = NewDisposeScope();
        var carrier = tensor(new[] { value is null ? 0.0 : 1.0, value ?? 0.0 });
        group.Broadcast([carrier], root);
        var received = carrier.data<double>().ToArray();
        return received[0] == 0 ? null : received[1];
    }

    /// <summary>True on every rank when <paramref name="flag"/> is true on any rank (e.g. a stop request one rank received).</summary>
    public static bool AnyRank(this IProcessGroup group, bool flag)
    {
        if (group.WorldSize == 1) return flag;
        using var scope = NewDisposeScope();
        var carrier = tensor(new[] { flag ? 1.0 : 0.0 });
        group.AllReduceMean([carrier]);
        return carrier.item<double>() > 0;
    }

    private static double NameHash(string[] names)
    {
        uint h = 2166136261;   // FNV-1a over the names; 20 bits keep h² exact in a double
        foreach (var name in names)
        {
            foreach (var ch in name) h = (h ^ ch) * 16777619;
            h = (h ^ 0xFFFF) * 16777619;
        }
        return h & 0xFFFFF;
    }
}
