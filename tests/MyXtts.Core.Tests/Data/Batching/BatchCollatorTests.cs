using MyXtts.Core.Data.Batching;
using MyXtts.Core.Text;

namespace MyXtts.Core.Tests.Data.Batching;

public class BatchCollatorTests
{
    private static readonly string[] Speakers = ["a", "a", "b", "b"];
    private readonly FakeUtterances _source = new([3, 5, 2, 4], [10, 7, 12, 30], Speakers);

    private BatchCollator Collator(int maxRef = 0) =>
        new(_source, new ReferencePicker(Speakers, 1), ["a", "b"], melPadValue: -11.5f, maxReferenceFrames: maxRef, seed: 1);

    [Fact]
    public void Tokens_and_mels_are_padded_with_exact_lengths()
    {
        using var loaded = Collator().Collate([0, 1, 2], epoch: 0, position: 4);
        var b = loaded.Batch;
        Assert.Equal([3L, 5], b.Tokens.shape);
        Assert.Equal([3L, 5, 2], b.TokenLengths.data<long>().ToArray());
        Assert.Equal(TokenizerDefinition.PadId, b.Tokens[0, 4].item<long>());
        Assert.Equal(12L, b.Tokens[0, 2].item<long>());
        Assert.Equal([3L, 3, 12], b.Mel.shape);
        Assert.Equal([10L, 7, 12], b.MelLengths.data<long>().ToArray());
        Assert.Equal(-11.5f, b.Mel[1, 0, 7].item<float>());
        Assert.Equal(1.02f, b.Mel[1, 2, 0].item<float>(), 4);
        Assert.Equal([0L, 0, 1], b.SpeakerIds.data<long>().ToArray());
        Assert.Equal(["u0", "u1", "u2"], b.Ids);
        Assert.Equal(4, loaded.Position);
    }

    [Fact]
    public void The_reference_comes_from_another_utterance_of_the_same_speaker()
    {
        using var loaded = Collator().Collate([0, 2], epoch: 0, position: 0);
        // Fake mel values encode the item index: item 0's reference is item 1 (speaker a), item 2's is item 3 (speaker b).
        Assert.Equal(1f, MathF.Floor(loaded.Batch.ReferenceMel[0, 0, 0].item<float>()));
        Assert.Equal(3f, MathF.Floor(loaded.Batch.ReferenceMel[1, 0, 0].item<float>()));
        Assert.Equal([7L, 30], loaded.Batch.ReferenceMelLengths.data<long>().ToArray());
    }

    [Fact]
    public void Long_references_are_cropped_to_the_cap()
    {
        using var loaded = Collator(maxRef: 8).Collate([2], epoch: 0, position: 0);
        Assert.Equal([1L, 3, 8], loaded.Batch.ReferenceMel.shape);
        Assert.Equal(8L, loaded.Batch.ReferenceMelLengths[0].item<long>());
    }

    [Fact]
    public void An_f0_track_is_padded_into_the_batch_extras_with_zeros()
    {
        var source = new FakeUtterances([3, 5, 2, 4], [10, 7, 12, 30], Speakers, pitched: _ => true);
        using var loaded = new BatchCollator(source, new ReferencePicker(Speakers, 1), ["a", "b"], -11.5f, 0, 1).Collate([0, 1], 0, 0);
        var pitch = loaded.Batch.Extra[BatchExtraKeys.Pitch];
        Assert.Equal([2L, 10], pitch.shape);
        Assert.Equal(110f + 6, pitch[1, 6].item<float>());
        Assert.Equal(0f, pitch[1, 7].item<float>());   // padding is unvoiced
        Assert.False(Collator().Collate([0, 1], 0, 0).Batch.Extra.ContainsKey(BatchExtraKeys.Pitch));   // features without a track: no extra
    }

    [Fact]
    public void A_batch_where_only_some_clips_have_an_f0_track_asks_to_clear_the_cache()
    {
        var source = new FakeUtterances([3, 5, 2, 4], [10, 7, 12, 30], Speakers, pitched: i => i != 1);
        var collator = new BatchCollator(source, new ReferencePicker(Speakers, 1), ["a", "b"], -11.5f, 0, 1);
        var error = Assert.Throws<InvalidDataException>(() => collator.Collate([0, 1], 0, 0));
        Assert.Contains("'u1'", error.Message);
        Assert.Contains("clear the feature cache", error.Message);
    }
}
