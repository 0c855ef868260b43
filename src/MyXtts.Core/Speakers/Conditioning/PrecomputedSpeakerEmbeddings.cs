using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Data;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Models;
using Serilog;
using static TorchSharp.torch;

namespace MyXtts.Core.Speakers.Conditioning;

/// <summary>
/// A frozen pretrained encoder's embedding of every clip of a split, computed once before training (whole clips, as
/// <c>myxtts embed</c> reads them) or read from the <see cref="SpeakerEmbeddingCache"/>, so training steps never run the
/// encoder. Batches get <see cref="ConditioningKeys.PretrainedSpeakerEmbedding"/> [B, E] of their references.
/// </summary>
public sealed class PrecomputedSpeakerEmbeddings : IReferenceConditioning
{
    /// <summary>Clips embedded per encoder call.</summary>
    public const int ClipsPerCall = 8;

    private readonly float[][] _embeddings;

    private PrecomputedSpeakerEmbeddings(float[][] embeddings, int computed) => (_embeddings, Computed) = (embeddings, computed);

    /// <summary>Embeddings the encoder computed (the rest came from the cache).</summary>
    public int Computed { get; }

    /// <summary>The embedding of clip <paramref name="index"/>.</summary>
    public IReadOnlyList<float> this[int index] => _embeddings[index];

    /// <summary>
    /// Embeds <paramref name="items"/>' clips with <paramref name="encoder"/> (weights loaded, no gradients), reading and
    /// filling <paramref name="cache"/> when given. Throws the encoder's or the audio reader's error naming the clip.
    /// </summary>
    public static PrecomputedSpeakerEmbeddings Compute(IReadOnlyList<DatasetItem> items, ISpeakerEncoder encoder, SpeakerEmbeddingCache? cache, ILogger log)
    {
        var embeddings = new float[items.Count][];
        for (var i = 0; i < items.Count; i++) embeddings[i] = cache?.TryRead(items[i])!;
        var missing = Enumerable.Range(0, items.Count).Where(i => embeddings[i] is null).ToArray();
        using var loader = new SpeakerClipLoader();
        foreach (var chunk in missing.Chunk(ClipsPerCall))
        {
            var clips = chunk.Select(i => loader.Resample(SpeakerClipLoader.Decode(items[i].AudioPath), encoder.SampleRate).Samples).ToArray();
            var computed = SpeakerEmbedder.Embed(encoder, clips);
            for (var k = 0; k < chunk.Length; k++)
            {
                embeddings[chunk[k]] = computed[k];
                cache?.Write(items[chunk[k]], computed[k]);
            }
        }
        log.Information("Pretrained speaker embeddings of {Clips} clips: {Computed} computed, {Cached} from the cache ({Folder})",
            items.Count, missing.Length, items.Count - missing.Length, cache?.Directory ?? "memory only");
        return new PrecomputedSpeakerEmbeddings(embeddings, missing.Length);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> For(IReadOnlyList<int> referenceIndices, int epoch)
    {
        var dim = _embeddings[referenceIndices[0]].Length;
        var flat = new float[referenceIndices.Count * dim];
        for (var r = 0; r < referenceIndices.Count; r++) _embeddings[referenceIndices[r]].CopyTo(flat, r * dim);
        return new Dictionary<string, Tensor> { [ConditioningKeys.PretrainedSpeakerEmbedding] = tensor(flat, [referenceIndices.Count, dim]) };
    }
}
