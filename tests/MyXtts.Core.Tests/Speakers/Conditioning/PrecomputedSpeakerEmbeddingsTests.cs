using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Data;
using MyXtts.Core.Models;
using MyXtts.Core.Speakers.Conditioning;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Speakers.Conditioning;

/// <summary>Frozen embeddings are computed once per clip and cached by encoder type, weights hash and clip; waveforms go to fine-tuning as they are.</summary>
public sealed class PrecomputedSpeakerEmbeddingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly DatasetItem[] _items;

    public PrecomputedSpeakerEmbeddingsTests()
    {
        _items = Enumerable.Range(0, 3).Select(i =>
        {
            var path = _dir.File($"c{i}.wav");
            WavWriter.Write(path, Enumerable.Range(0, 800 + 100 * i).Select(n => (float)(0.3 * Math.Sin(n * (0.05 + 0.02 * i)))).ToArray(), 16000);
            return new DatasetItem($"spk_{i}", "t", "t", "spk", path, $"metadata.csv:{i + 1}");
        }).ToArray();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Each_clip_is_embedded_once_and_a_later_run_reads_every_embedding_from_the_cache()
    {
        using var encoder = new TinyTrainableEncoder();
        var cache = new SpeakerEmbeddingCache(_dir.File("features"), "tiny", new string('a', 64));

        var first = PrecomputedSpeakerEmbeddings.Compute(_items, encoder, cache, Logger.None);
        var calls = encoder.Calls;
        var second = PrecomputedSpeakerEmbeddings.Compute(_items, encoder, cache, Logger.None);

        Assert.Equal(3, first.Computed);
        Assert.Equal(0, second.Computed);
        Assert.Equal(calls, encoder.Calls);
        for (var i = 0; i < 3; i++) Assert.Equal(first[i], second[i]);
        Assert.Equal(3, Directory.GetFiles(cache.Directory, "*.emb", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(cache.Directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Other_weights_or_a_changed_clip_are_embedded_again()
    {
        using var encoder = new TinyTrainableEncoder();
        var features = _dir.File("features");
        PrecomputedSpeakerEmbeddings.Compute(_items, encoder, new SpeakerEmbeddingCache(features, "tiny", new string('a', 64)), Logger.None);

        var otherWeights = PrecomputedSpeakerEmbeddings.Compute(_items, encoder, new SpeakerEmbeddingCache(features, "tiny", new string('b', 64)), Logger.None);
        File.SetLastWriteTimeUtc(_items[1].AudioPath, DateTime.UtcNow.AddMinutes(5));
        var changedClip = PrecomputedSpeakerEmbeddings.Compute(_items, encoder, new SpeakerEmbeddingCache(features, "tiny", new string('a', 64)), Logger.None);

        Assert.Equal(3, otherWeights.Computed);
        Assert.Equal(1, changedClip.Computed);
    }

    [Fact]
    public void Batches_get_the_embeddings_of_their_references_in_row_order()
    {
        using var scope = NewDisposeScope();
        using var encoder = new TinyTrainableEncoder();
        var embeddings = PrecomputedSpeakerEmbeddings.Compute(_items, encoder, cache: null, Logger.None);

        var batch = embeddings.For([2, 0], epoch: 0)[ConditioningKeys.PretrainedSpeakerEmbedding];

        Assert.Equal(new long[] { 2, TinyTrainableEncoder.Dim }, batch.shape);
        Assert.Equal(embeddings[2], batch[0].data<float>().ToArray());
        Assert.Equal(embeddings[0], batch[1].data<float>().ToArray());
    }

    [Fact]
    public void Fine_tuning_batches_carry_the_reference_clips_padded_with_their_lengths()
    {
        using var scope = NewDisposeScope();
        using var waveforms = new ReferenceWaveforms(_items, 16000, maxSeconds: 0, seed: 1);

        var extra = waveforms.For([0, 2], epoch: 0);

        Assert.Equal(new long[] { 2, 1000 }, extra[ConditioningKeys.ReferenceWaveform].shape);
        Assert.Equal(new long[] { 800, 1000 }, extra[ConditioningKeys.ReferenceWaveformLengths].data<long>().ToArray());
    }

    [Fact]
    public void Fine_tuning_references_are_cut_to_the_reference_length_at_offsets_that_repeat_per_epoch_and_differ_between_epochs()
    {
        using var scope = NewDisposeScope();
        using var waveforms = new ReferenceWaveforms(_items, 16000, maxSeconds: 0.03, seed: 7);   // 480 of 800–1000 samples
        var whole = Enumerable.Range(0, 3).Select(i => MyXtts.Core.Audio.Wav.WavReader.Read(_items[i].AudioPath).Interleaved).ToArray();

        var first = waveforms.For([0, 2], epoch: 0);
        var again = waveforms.For([0, 2], epoch: 0);
        var offsets = Enumerable.Range(0, 4).Select(epoch => Offset(waveforms.For([2], epoch)[ConditioningKeys.ReferenceWaveform][0], whole[2])).ToArray();

        Assert.Equal(new long[] { 2, 480 }, first[ConditioningKeys.ReferenceWaveform].shape);
        Assert.Equal(new long[] { 480, 480 }, first[ConditioningKeys.ReferenceWaveformLengths].data<long>().ToArray());
        Assert.True(first[ConditioningKeys.ReferenceWaveform].equal(again[ConditioningKeys.ReferenceWaveform]).all().item<bool>());
        Assert.All(offsets, o => Assert.InRange(o, 0, 1000 - 480));
        Assert.True(offsets.Distinct().Count() > 1, $"offsets {string.Join(", ", offsets)} did not change with the epoch");
    }

    /// <summary>Where <paramref name="crop"/> starts in <paramref name="clip"/> (exact sample match), or -1.</summary>
    private static int Offset(Tensor crop, float[] clip)
    {
        var samples = crop.data<float>().ToArray();
        for (var start = 0; start + samples.Length <= clip.Length; start++)
            if (samples.Select((v, k) => Math.Abs(v - clip[start + k]) < 1e-6).All(b => b)) return start;
        return -1;
    }
}
