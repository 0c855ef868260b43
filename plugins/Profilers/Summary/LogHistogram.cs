using System.Numerics;

namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>
/// A log-linear histogram of durations in timestamp ticks (the HdrHistogram layout): values below 64 get a bucket
/// each; above that every power of two is split into 32 equal buckets. Reported percentiles are bucket midpoints,
/// so their relative error is at most 1/64 (1.6 %) over the whole 64-bit range, in a fixed 15 KiB per histogram.
/// Chosen over a sampling reservoir because it keeps every sample (p99 of a rare spike is not sampled away), needs
/// no random numbers (tests are exact), and merges by adding counts (epoch into run totals).
/// Not thread-safe: <see cref="OperationStats"/> guards it.
/// </summary>
internal sealed class LogHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;   // 32 buckets per power of two
    private const int ExactLimit = 2 * SubBuckets;        // values 0..63 are exact
    internal const int BucketCount = ExactLimit + (63 - SubBucketBits - 1) * SubBuckets;   // shifts 1..57

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }
    public long Sum { get; private set; }
    public long Min { get; private set; } = long.MaxValue;
    public long Max { get; private set; }

    /// <summary>Adds one duration; negative values (a clock that stepped back) count as 0.</summary>
    public void Record(long ticks)
    {
        if (ticks < 0)
            ticks = 0;
        _counts[IndexOf(ticks)]++;
        Count++;
        Sum += ticks;
        if (ticks < Min) Min = ticks;
        if (ticks > Max) Max = ticks;
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LogHistogram other)
    {
        if (other.Count == 0)
            return;
        for (var i = 0; i < BucketCount; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        Sum = 0;
        Min = long.MaxValue;
        Max = 0;
    }

    /// <summary>
    /// The nearest-rank percentile (<paramref name="percent"/> in 0..100]: the smallest recorded value with at least
    /// that share of samples at or below it, as its bucket midpoint clamped to the recorded min and max (exactly the
    /// min or max at the extreme ranks). 0 when empty.
    /// </summary>
    public double Percentile(double percent)
    {
        if (Count == 0)
            return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100.0 * Count));
        if (rank == 1)
            return Min;   // the extremes are known exactly
        if (rank >= Count)
            return Max;
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Clamp(Midpoint(i), Min, Max);
        }
        return Max;
    }

    internal static int IndexOf(long ticks)
    {
        if (ticks < ExactLimit)
            return (int)ticks;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)ticks) - SubBucketBits;   // >= 1
        var top = (int)(ticks >> shift);                                                  // 32..63
        return ExactLimit + (shift - 1) * SubBuckets + (top - SubBuckets);
    }

    internal static double Midpoint(int index)
    {
        if (index < ExactLimit)
            return index;
        var shift = (index - ExactLimit) / SubBuckets + 1;
        var top = (long)((index - ExactLimit) % SubBuckets + SubBuckets);
        var lower = top << shift;
        return lower + ((1L << shift) - 1) / 2.0;
    }
}
