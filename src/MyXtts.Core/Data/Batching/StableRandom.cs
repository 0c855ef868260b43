namespace MyXtts.Core.Data.Batching;

/// <summary>A fixed integer mix (SplitMix64) for per-item random choices that must be identical in every process.</summary>
public static class StableRandom
{
    /// <summary>Mixes the values into one well-distributed 64-bit number.</summary>
    public static ulong Mix(params ReadOnlySpan<ulong> values)
    {
        ulong h = 0x9E3779B97F4A7C15;
        foreach (var v in values) h = SplitMix(h ^ v);
        return h;
    }

    private static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
