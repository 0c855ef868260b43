using MyXtts.Plugins.Profilers.Summary;

namespace MyXtts.Profilers.Tests.Summary;

public class LogHistogramTests
{
    [Fact]
    public void Values_below_64_ticks_are_reported_exactly()
    {
        var h = new LogHistogram();
        for (var v = 1; v <= 50; v++)
            h.Record(v);

        Assert.Equal(25, h.Percentile(50));
        Assert.Equal(45, h.Percentile(90));
        Assert.Equal(50, h.Percentile(99));
        Assert.Equal(1, h.Percentile(0.1));
    }

    [Fact]
    public void Percentiles_over_twelve_decades_stay_within_one_part_in_64_of_the_exact_nearest_rank()
    {
        var random = new Random(1234);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)Math.Pow(10, random.NextDouble() * 12)).ToArray();
        var h = new LogHistogram();
        foreach (var v in values)
            h.Record(v);
        Array.Sort(values);

        foreach (var p in new[] { 1.0, 10, 50, 90, 99, 99.9, 100 })
        {
            var exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1];
            var reported = h.Percentile(p);
            Assert.InRange(Math.Abs(reported - exact), 0, exact / 64.0 + 0.5);
        }
    }

    [Fact]
    public void Count_sum_min_and_max_are_exact_and_adding_merges_them()
    {
        var a = new LogHistogram();
        var b = new LogHistogram();
        a.Record(1_000_003);
        a.Record(7);
        b.Record(123_456_789);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(1_000_003 + 7 + 123_456_789, a.Sum);
        Assert.Equal(7, a.Min);
        Assert.Equal(123_456_789, a.Max);
        Assert.Equal(123_456_789, a.Percentile(100));
    }

    [Fact]
    public void Every_bucket_index_is_in_range_up_to_the_largest_long()
    {
        Assert.Equal(LogHistogram.BucketCount - 1, LogHistogram.IndexOf(long.MaxValue));
        for (var bit = 0; bit < 63; bit++)
        {
            var v = 1L << bit;
            var i = LogHistogram.IndexOf(v);
            Assert.InRange(i, 0, LogHistogram.BucketCount - 1);
            Assert.InRange(Math.Abs(LogHistogram.Midpoint(i) - v), 0, v / 64.0 + 0.5);
        }
    }

    [Fact]
    public void A_negative_duration_from_a_clock_stepping_back_counts_as_zero()
    {
        var h = new LogHistogram();
        h.Record(-5);

        Assert.Equal(0, h.Min);
        Assert.Equal(0, h.Sum);
        Assert.Equal(1, h.Count);
    }
}
