using MyXtts.Core.Data.Cache;

namespace MyXtts.Core.Data.Batching;

/// <summary>What batching needs per utterance: token ids, features and the speaker index. Must be thread-safe.</summary>
public interface IUtteranceSource
{
    /// <summary>Number of utterances.</summary>
    int Count { get; }

    /// <summary>Token ids of utterance <paramref name="index"/>.</summary>
    int[] Tokens(int index);

    /// <summary>Cached features of utterance <paramref name="index"/> (computed on a miss).</summary>
    FeatureSet Features(int index);

    /// <summary>Speaker name of utterance <paramref name="index"/>.</summary>
    string Speaker(int index);

    /// <summary>Id of utterance <paramref name="index"/>.</summary>
    string Id(int index);
}
