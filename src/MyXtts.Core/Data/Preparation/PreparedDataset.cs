using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Audio;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Cache;
using MyXtts.Core.Text;

namespace MyXtts.Core.Data.Preparation;

/// <summary>
/// A dataset split ready for batching: every item tokenized and its features extracted (or found in the cache), with
/// clips that fail to decode or break a length limit skipped and counted. Implements <see cref="IUtteranceSource"/>.
/// </summary>
public sealed class PreparedDataset : IUtteranceSource
{
    private readonly IReadOnlyList<DatasetItem> _items;
    private readonly int[][] _tokens;
    private readonly FeatureStore _store;

    private PreparedDataset(IReadOnlyList<DatasetItem> items, int[][] tokens, int[] frames, long[] samples, int[] sourceRates, FeatureStore store)
    {
        (_items, _tokens, Frames, Samples, SourceSampleRates, _store) = (items, tokens, frames, samples, sourceRates, store);
    }

    /// <summary>The usable items.</summary>
    public IReadOnlyList<DatasetItem> Items => _items;

    /// <summary>Mel frames per item (for bucketing).</summary>
    public IReadOnlyList<int> Frames { get; }

    /// <summary>Processed audio samples per item (for durations).</summary>
    public IReadOnlyList<long> Samples { get; }

    /// <summary>Sample rate of each source file before resampling (for the dataset report).</summary>
    public IReadOnlyList<int> SourceSampleRates { get; }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public int[] Tokens(int index) => _tokens[index];

    /// <inheritdoc />
    public FeatureSet Features(int index) => _store.Get(_items[index]);

    /// <inheritdoc />
    public string Speaker(int index) => _items[index].Speaker;

    /// <inheritdoc />
    public string Id(int index) => _items[index].Id;

    /// <summary>
    /// Tokenizes and extracts features for <paramref name="items"/> on <paramref name="workers"/> threads, skipping into
    /// <paramref name="skips"/> what cannot be used. <paramref name="progress"/> receives the count of items done.
    /// </summary>
    public static PreparedDataset Prepare(IReadOnlyList<DatasetItem> items, TextTokenizer tokenizer, TokenCache? tokens,
        FeatureStore store, DatasetLimits limits, IOperationProfiler profiler, SkipLog skips, int workers, IProgress<int>? progress = null)
    {
        // Only lengths are kept here: holding every mel at once would not fit for a real dataset; batches re-read the cache.
        var results = new Prepared?[items.Count];
        var done = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, i =>
        {
            results[i] = PrepareOne(items[i], tokenizer, tokens, store, limits, profiler, skips);
            progress?.Report(Interlocked.Increment(ref done));
        });
        tokens?.Save();
        var kept = Enumerable.Range(0, items.Count).Where(i => results[i] is not null).ToArray();
        return new PreparedDataset(
            kept.Select(i => items[i]).ToList(),
            kept.Select(i => results[i]!.Tokens).ToArray(),
            kept.Select(i => results[i]!.Frames).ToArray(),
            kept.Select(i => results[i]!.Samples).ToArray(),
            kept.Select(i => results[i]!.SourceSampleRate).ToArray(),
            store);
    }

    private static Prepared? PrepareOne(DatasetItem item, TextTokenizer tokenizer, TokenCache? tokens, FeatureStore store,
        DatasetLimits limits, IOperationProfiler profiler, SkipLog skips)
    {
        int[] ids;
        using (profiler.ProfileOperation("tokenize"))
            ids = tokens?.GetOrEncode(item.Id, item.NormalizedText, tokenizer.Encode) ?? tokenizer.Encode(item.NormalizedText);
        if (!ids.Any(id => id > TokenizerDefinition.BlankId))
        {
            skips.Add(SkipReason.UnknownSymbols, $"{item.Source}: '{item.Id}' has no symbol the tokenizer knows: \"{item.NormalizedText}\"");
            return null;
        }
        if (ids.Length > limits.MaxTextTokens)
        {
            skips.Add(SkipReason.TextTooLong, $"{item.Source}: '{item.Id}' has {ids.Length} tokens, over data.max_text_tokens={limits.MaxTextTokens}");
            return null;
        }
        FeatureSet features;
        try { features = store.Get(item); }
        catch (AudioFormatException e)
        {
            skips.Add(e.Kind == AudioErrorKind.NoAudioData ? SkipReason.EmptyAudio : SkipReason.Unreadable, $"{item.Source}: {e.Message}");
            return null;
        }
        var seconds = features.Samples / (double)store.Extractor.Mel.SampleRate;
        if (seconds > limits.MaxAudioSeconds || features.Frames > limits.MaxMelFrames)
        {
            skips.Add(SkipReason.TooLong, $"{item.Source}: '{item.Id}' is {seconds:0.00} s ({features.Frames} frames), over data.max_audio_length={limits.MaxAudioSeconds} s / data.max_mel_frames={limits.MaxMelFrames}");
            return null;
        }
        return new Prepared(ids, features.Frames, features.Samples, features.SourceSampleRate);
    }

    private sealed record Prepared(int[] Tokens, int Frames, long Samples, int SourceSampleRate);
}

/// <summary>The length filters of <c>data.*</c>.</summary>
public sealed record DatasetLimits(int MaxTextTokens, int MaxMelFrames, double MaxAudioSeconds);
