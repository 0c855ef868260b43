using MyXtts.Core.Data;

namespace MyXtts.Core.Tests.Data;

public class DatasetSplitterTests
{
    private static List<DatasetItem> Items(params (string Speaker, int Count)[] speakers) =>
        speakers.SelectMany(s => Enumerable.Range(0, s.Count).Select(i => new DatasetItem($"{s.Speaker}_{i}", "t", "t", s.Speaker, "/x.wav", "m:1"))).ToList();

    [Fact]
    public void Split_is_deterministic_for_a_seed_and_different_for_another()
    {
        var items = Items(("a", 20), ("b", 20));
        var first = DatasetSplitter.Split(items, 0.2, seed: 7);
        var again = DatasetSplitter.Split(items, 0.2, seed: 7);
        var other = DatasetSplitter.Split(items, 0.2, seed: 8);
        Assert.Equal(first.Validation, again.Validation);
        Assert.NotEqual(first.Validation, other.Validation);
        Assert.Equal(8, first.Validation.Count);
        Assert.Equal(32, first.Train.Count);
    }

    [Fact]
    public void Every_speaker_keeps_an_utterance_in_training()
    {
        var items = Items(("a", 2), ("b", 1), ("c", 2));
        var (train, validation) = DatasetSplitter.Split(items, 0.9, seed: 1);
        Assert.Equal(["a", "b", "c"], train.Select(i => i.Speaker).Distinct().Order());
        Assert.Equal(2, validation.Count);
    }

    [Fact]
    public void Subset_keeps_the_fraction_in_original_order()
    {
        var items = Items(("a", 10));
        var subset = DatasetSplitter.Subset(items, 0.3, seed: 3);
        Assert.Equal(3, subset.Count);
        Assert.Equal(subset.OrderBy(i => items.IndexOf(i)), subset);
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.Subset(items, 0, 3));
    }
}
