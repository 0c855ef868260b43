using MyXtts.Core.Models.Conditioning;
using MyXtts.Core.Models.Encoders;
using MyXtts.Core.Models.Layers;
using MyXtts.Core.Tests.Training;
using static TorchSharp.torch;
using MultiheadAttention = MyXtts.Core.Models.Layers.MultiheadAttention;

namespace MyXtts.Core.Tests.Models;

/// <summary>
/// The polarity tests: whatever sits in a padded position must not change the outputs at valid positions. An inverted
/// key-padding mask (the original project's bug) makes these fail, because valid positions would then attend to padding only.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class MaskingTests
{
    [Fact]
    public void Attention_ignores_keys_marked_true_in_the_key_padding_mask()
    {
        ModelTestSupport.Seed();
        using var attention = new MultiheadAttention("attn", 8, 2);
        attention.eval();
        var query = randn(1, 3, 8);
        var keys = randn(1, 5, 8);
        var padding = SequenceMasks.KeyPadding(tensor(new long[] { 3 }), 5);
        var altered = keys.clone();
        altered[0, 3..] = randn(2, 8) * 100;

        var a = attention.forward(query, keys, keys, padding);
        var b = attention.forward(query, altered, altered, padding);
        var truncated = attention.forward(query, keys[.., ..3], keys[.., ..3]);

        Assert.True(ModelTestSupport.MaxDiff(a, b) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(a, truncated) < 1e-5);
        var weights = attention.Weights(query, keys, padding);
        Assert.Equal(0f, weights[0, .., 3..].abs().max().item<float>());
    }

    [Fact]
    public void Causal_attention_mask_blocks_later_positions()
    {
        ModelTestSupport.Seed();
        using var attention = new MultiheadAttention("attn", 8, 2);
        attention.eval();
        var x = randn(1, 4, 8);
        var causal = ones(4, 4, dtype: ScalarType.Bool).triu(1);   // true = forbidden, as PyTorch's attn_mask
        var altered = x.clone();
        altered[0, 3] = randn(8) * 50;
        var a = attention.forward(x, x, x, attn_mask: causal);
        var b = attention.forward(altered, altered, altered, attn_mask: causal);
        Assert.True(ModelTestSupport.MaxDiff(a[.., ..3], b[.., ..3]) < 1e-5);
    }

    [Fact]
    public void Text_encoder_output_at_valid_tokens_does_not_depend_on_what_the_padding_holds()
    {
        ModelTestSupport.Seed();
        using var encoder = new TextEncoder("text", 20, 16, 2, 2, 0.0);
        encoder.eval();
        var lengths = tensor(new long[] { 4, 6 });
        var tokens = tensor(new long[] { 5, 6, 7, 8, 0, 0, 9, 10, 11, 12, 13, 14 }, [2, 6]);
        var garbage = tokens.clone();
        garbage[0, 4..] = tensor(new long[] { 17, 18 });
        var mask = SequenceMasks.ChannelMask(lengths, 6, ScalarType.Float32);
        var padding = SequenceMasks.KeyPadding(lengths, 6);

        var a = encoder.forward(tokens, mask, padding);
        var b = encoder.forward(garbage, mask, padding);
        var alone = encoder.forward(tokens[..1, ..4], mask[..1, .., ..4], padding[..1, ..4]);

        Assert.True(ModelTestSupport.MaxDiff(a[0, .., ..4], b[0, .., ..4]) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(a[..1, .., ..4], alone) < 1e-4);
        Assert.Equal(0f, a[0, .., 4..].abs().max().item<float>());
    }

    [Fact]
    public void Audio_encoder_embedding_and_latents_ignore_reference_padding()
    {
        ModelTestSupport.Seed();
        using var encoder = new AudioEncoder("audio", 8, 16, 1, 2, 12, latents: 4, resamplerLayers: 1, latentDim: 16, dropout: 0.0);
        encoder.eval();
        var mel = randn(1, 8, 20);
        var lengths = tensor(new long[] { 13 });
        var altered = mel.clone();
        altered[.., .., 13..] = randn(1, 8, 7) * 10;

        var a = encoder.forward(mel, lengths);
        var b = encoder.forward(altered, lengths);
        var alone = encoder.forward(mel[.., .., ..13], lengths);

        Assert.Equal(new long[] { 1, 12 }, a.SpeakerEmbedding.shape);
        Assert.Equal(new long[] { 1, 4, 16 }, a.Latents.shape);
        Assert.True(ModelTestSupport.MaxDiff(a.SpeakerEmbedding, b.SpeakerEmbedding) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(a.Latents, b.Latents) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(a.SpeakerEmbedding, alone.SpeakerEmbedding) < 1e-4);
    }

    [Fact]
    public void Statistics_pooling_is_the_mean_and_std_of_valid_frames_only()
    {
        var x = tensor(new float[] { 1, 3, 100, 2, 2, -50 }, [1, 2, 3]);
        var mask = SequenceMasks.ChannelMask(tensor(new long[] { 2 }), 3, ScalarType.Float32);
        var pooled = AudioEncoder.StatisticsPooling(x, mask).data<float>().ToArray();
        Assert.Equal(2f, pooled[0], 4);
        Assert.Equal(2f, pooled[1], 4);
        Assert.Equal(1f, pooled[2], 2);
        Assert.Equal(0f, pooled[3], 2);
    }
}
