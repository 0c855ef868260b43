using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Cache;

namespace MyXtts.Core.Data.Features;

/// <summary>
/// A dataset split as the batching code sees it: token ids computed once, features read from the
/// <see cref="FeatureCache"/> (computed and stored on a miss). Thread-safe.
/// </summary>
public sealed class DatasetUtterances(IReadOnlyList<DatasetItem> items, IReadOnlyList<int[]> tokens, FeatureCache cache, MelFeatureExtractor extractor)
    : IUtteranceSource
{
    /// <summary>The items, by index.</summary>
    public IReadOnlyList<DatasetItem> Items => items;

    public int Count => items.Count;
    public int[] Tokens(int index) => tokens[index];
    public FeatureSet Features(int index) => cache.GetOrCompute(items[index], extractor.Extract);
    public string Speaker(int index) => items[index].Speaker;
    public string Id(int index) => items[index].Id;
}
