namespace MyXtts.Core.Data.Batching;

/// <summary>
/// Picks the voice-conditioning reference for each utterance: another utterance of the same speaker (the same one only
/// when the speaker has a single clip), so the model must learn the voice rather than copy the target. Deterministic for
/// a seed, epoch and item, in any process (no randomized hashing).
/// </summary>
public sealed class ReferencePicker
{
    private readonly int[][] _poolOf;      // item index → indices of its speaker's items
    private readonly int[] _positionInPool;
    private readonly int _seed;

    /// <param name="speakers">Speaker of each item, by item index.</param>
    /// <param name="seed">Base seed.</param>
    public ReferencePicker(IReadOnlyList<string> speakers, int seed)
    {
        _seed = seed;
        var pools = speakers.Select((s, i) => (s, i)).GroupBy(p => p.s, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.i).ToArray(), StringComparer.Ordinal);
        _poolOf = speakers.Select(s => pools[s]).ToArray();
        _positionInPool = new int[speakers.Count];
        foreach (var pool in pools.Values)
            for (var p = 0; p < pool.Length; p++) _positionInPool[pool[p]] = p;
    }

    /// <summary>Index of the reference utterance for item <paramref name="index"/> in <paramref name="epoch"/>.</summary>
    public int Pick(int index, int epoch)
    {
        var pool = _poolOf[index];
        if (pool.Length == 1) return index;
        var r = (int)(StableRandom.Mix((ulong)(uint)_seed, (ulong)(uint)epoch, (ulong)(uint)index) % (ulong)(pool.Length - 1));
        return pool[r >= _positionInPool[index] ? r + 1 : r];   // skip the item itself
    }
}
