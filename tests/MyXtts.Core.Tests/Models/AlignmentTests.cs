using MyXtts.Core.Models.Alignment;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

public sealed class AlignmentTests
{
    [Fact]
    public void Alignment_search_gives_each_token_the_frames_it_explains_best()
    {
        // token 0 explains frames 0-1, token 1 frame 2, token 2 frames 3-5
        var logp = tensor(new float[]
        {
            0, 0, -9, -9, -9, -9,
            -9, -9, 0, -9, -9, -9,
            -9, -9, -9, 0, 0, 0,
        }, [1, 3, 6]);
        var path = MonotonicAlignmentSearch.Path(logp, tensor(new long[] { 3 }), tensor(new long[] { 6 }));
        Assert.Equal(new[] { 2f, 1f, 3f }, path.sum(2)[0].data<float>().ToArray());
    }

    [Fact]
    public void Alignment_search_finds_the_best_monotonic_path_of_all()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 20; trial++)
        {
            int tokens = 1 + random.Next(4), frames = tokens + random.Next(4);
            var values = Enumerable.Range(0, tokens * frames).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray();
            var path = new float[tokens * frames];
            MonotonicAlignmentSearch.SearchRow(values, path, tokens, frames, frames);
            var found = Score(values, path);
            var best = AllDurations(tokens, frames).Max(d => Score(values, PathOf(d, frames)));
            Assert.Equal(best, found, 4);
            Assert.All(Enumerable.Range(0, frames), j => Assert.Equal(1f, Enumerable.Range(0, tokens).Sum(i => path[i * frames + j])));
        }
    }

    [Fact]
    public void Alignment_search_ignores_padding_and_leaves_it_unassigned()
    {
        var logp = randn(2, 4, 7);
        var path = MonotonicAlignmentSearch.Path(logp, tensor(new long[] { 4, 2 }), tensor(new long[] { 7, 3 }));
        Assert.Equal(7f, path[0].sum().item<float>());
        Assert.Equal(3f, path[1].sum().item<float>());
        Assert.Equal(0f, path[1, 2..].sum().item<float>());
        Assert.Equal(0f, path[1, .., 3..].sum().item<float>());
    }

    [Fact]
    public void More_tokens_than_frames_falls_back_to_an_even_spread()
    {
        var path = MonotonicAlignmentSearch.Path(zeros(1, 4, 2), tensor(new long[] { 4 }), tensor(new long[] { 2 }));
        Assert.Equal(2f, path.sum().item<float>());
        Assert.Equal(new[] { 1f, 1f }, path[0].sum(0L).data<float>().ToArray());
    }

    [Fact]
    public void Beta_binomial_prior_is_a_distribution_over_tokens_that_peaks_on_the_diagonal()
    {
        var prior = BetaBinomialPrior.Log(5, 20);
        for (var j = 0; j < 20; j++)
        {
            var column = Enumerable.Range(0, 5).Select(i => Math.Exp(prior[i * 20 + j])).ToArray();
            Assert.Equal(1.0, column.Sum(), 4);
        }
        Assert.True(prior[0 * 20 + 0] > prior[4 * 20 + 0]);
        Assert.True(prior[4 * 20 + 19] > prior[0 * 20 + 19]);
        Assert.Equal(0, ArgMax(Enumerable.Range(0, 5).Select(i => prior[i * 20 + 1])));
        Assert.Equal(2, ArgMax(Enumerable.Range(0, 5).Select(i => prior[i * 20 + 10])));
    }

    [Fact]
    public void Batched_prior_is_zero_outside_each_rows_valid_block()
    {
        var prior = BetaBinomialPrior.Batch(tensor(new long[] { 3, 2 }), tensor(new long[] { 6, 4 }), 3, 6, CPU);
        Assert.Equal(0f, prior[1, 2].abs().sum().item<float>());
        Assert.Equal(0f, prior[1, .., 4..].abs().sum().item<float>());
        Assert.True(prior[0].abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Path_from_durations_lays_tokens_end_to_end_and_position_features_count_within_each_token()
    {
        var durations = tensor(new long[] { 2, 0, 3 }, [1, 3]);
        var path = AlignmentPaths.FromDurations(durations, 6);
        Assert.Equal(new[] { 0L, 0, 2, 2, 2, 0 }, path.argmax(1)[0].data<long>().ToArray());
        Assert.Equal(5f, path.sum().item<float>());
        var features = AlignmentPaths.PositionFeatures(path, durations);
        Assert.Equal(new[] { 0f, 0.5f, 0f, 1f / 3, 2f / 3 }, features[0, 0, ..5].data<float>().ToArray().Select(v => MathF.Round(v, 4)).ToArray(),
            new FloatTolerance(1e-3f));
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }

    private static int ArgMax(IEnumerable<float> values) => values.Select((v, i) => (v, i)).MaxBy(p => p.v).i;

    private static double Score(float[] logp, float[] path) => logp.Zip(path, (a, b) => (double)a * b).Sum();

    private static float[] PathOf(int[] durations, int frames)
    {
        var path = new float[durations.Length * frames];
        var j = 0;
        for (var i = 0; i < durations.Length; i++)
            for (var k = 0; k < durations[i]; k++) path[i * frames + j++] = 1;
        return path;
    }

    /// <summary>Every way to give each of <paramref name="tokens"/> at least one of <paramref name="frames"/> frames in order.</summary>
    private static IEnumerable<int[]> AllDurations(int tokens, int frames)
    {
        if (tokens == 1) { yield return [frames]; yield break; }
        for (var first = 1; first <= frames - tokens + 1; first++)
            foreach (var rest in AllDurations(tokens - 1, frames - first))
                yield return [first, .. rest];
    }
}
