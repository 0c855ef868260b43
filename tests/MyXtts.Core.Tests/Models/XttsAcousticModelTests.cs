using System.Diagnostics;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Losses;
using MyXtts.Core.Models;
using MyXtts.Core.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

[Collection(TrainingCollection.Name)]
public sealed class XttsAcousticModelTests
{
    [Fact]
    public void Forward_returns_mels_of_the_target_shape_and_every_auxiliary_output_the_loss_terms_read()
    {
        using var model = TinyAcoustic.Model();
        var batch = new SyntheticBatches(6, 3).Collate([0, 1, 2]).Batch;
        var outputs = model.Forward(batch);
        Assert.Equal(batch.Mel.shape, outputs.Mel.shape);
        Assert.Equal(batch.Mel.shape, outputs.MelPostnet.shape);
        var durations = outputs.Aux[AcousticOutputKeys.Durations];
        var expectedSteps = MyXtts.Core.Models.NonAutoregressive.FrameStacking.ReducedLengths(batch.MelLengths, 2);
        Assert.Equal(expectedSteps.data<long>().ToArray(), durations.sum(1).to(ScalarType.Int64).data<long>().ToArray());
        var evaluation = TinyAcoustic.Losses().Evaluate(new LossContext(batch, outputs, 0));
        Assert.Equal(4, evaluation.Components.Count);
        Assert.All(evaluation.Components, c => Assert.True(float.IsFinite(c.Raw.item<float>())));
    }

    [Fact]
    public void Every_loss_term_sends_gradient_into_the_model()
    {
        using var model = TinyAcoustic.Model();
        var batch = new SyntheticBatches(6, 3).Collate([0, 1, 2, 3]).Batch;
        var evaluation = TinyAcoustic.Losses().Evaluate(new LossContext(batch, model.Forward(batch), 0));
        foreach (var component in evaluation.Components)
        {
            model.zero_grad();
            component.Raw.backward(retain_graph: true);
            var norm = model.parameters().Where(p => p.grad is not null).Sum(p => p.grad!.abs().sum().item<float>());
            Assert.True(norm > 0, $"{component.Term.Name} produced no gradient");
        }
    }

    [Fact]
    public void The_model_learns_a_small_batch_quickly()
    {
        var clock = Stopwatch.StartNew();
        using var model = TinyAcoustic.Model();
        var batch = new SyntheticBatches(8, 8).Collate([0, 1, 2, 3, 4, 5, 6, 7]).Batch;
        var losses = TinyAcoustic.Losses();
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        model.train();
        float first = 0, last = 0;
        for (var step = 0; step < 60; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var evaluation = losses.Evaluate(new LossContext(batch, model.Forward(batch), step));
            evaluation.Total.backward();
            optimizer.step();
            var melLoss = evaluation.Components[0].Raw.item<float>();
            if (step == 0) first = melLoss;
            last = melLoss;
        }
        Assert.True(last < 0.3 * first, $"mel loss went from {first} to {last}; expected a drop of at least 70 %");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Synthesis_speaks_faster_at_a_higher_speaking_rate_and_accepts_explicit_style_weights()
    {
        using var model = TinyAcoustic.Model();
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;
        model.train();
        model.Forward(batch);   // takes the mel statistics
        var (mel, lengths) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths);
        var (_, fast) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths, speed: 3.0);
        var (_, styled) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths,
            styleWeights: nn.functional.one_hot(tensor(new long[] { 1, 2 }), 4).to(ScalarType.Float32));
        Assert.Equal(8, mel.shape[1]);
        Assert.Equal(lengths.max().item<long>(), mel.shape[2]);
        Assert.True(fast.sum().item<long>() < lengths.sum().item<long>());
        Assert.Equal(2, styled.shape[0]);
        Assert.True(model.training, "synthesis must restore the training mode");
    }

    [Fact]
    public void Predicted_frames_are_the_lengths_synthesis_returns_at_every_speed_and_style()
    {
        using var model = TinyAcoustic.Model();
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;
        model.train();
        model.Forward(batch);   // takes the mel statistics
        var style = nn.functional.one_hot(tensor(new long[] { 1, 2 }), 4).to(ScalarType.Float32);

        foreach (var speed in new[] { 1.0, 0.7, 2.5 })
        {
            var (_, lengths) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths, speed);
            var predicted = model.PredictFrames(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths, speed);
            Assert.Equal(lengths.data<long>().ToArray(), predicted.data<long>().ToArray());
        }
        var (_, styled) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths, styleWeights: style);
        Assert.Equal(styled.data<long>().ToArray(),
            model.PredictFrames(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths, styleWeights: style).data<long>().ToArray());
        Assert.True(model.training, "length prediction must restore the training mode");
        Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictFrames(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths, speed: 0));
    }

    [Fact]
    public void With_reference_rate_conditioning_a_faster_reference_changes_the_predicted_durations_and_trains_the_rate_layer()
    {
        ModelTestSupport.Seed(5);
        using var model = new XttsAcousticModel(TinyAcoustic.Options() with { ReferenceRate = true });
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;
        model.train();
        var outputs = model.Forward(batch);
        TinyAcoustic.Losses().Evaluate(new LossContext(batch, outputs, 0)).Total.backward();
        var slowReference = batch.ReferenceMel.repeat_interleave(2, dim: 2);                   // the same reference at half the tempo
        var (_, asGiven) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths);
        var (_, slowed) = model.Synthesize(batch.Tokens, batch.TokenLengths, slowReference, batch.ReferenceMelLengths * 2);

        Assert.Contains("reference_rate.weight", model.state_dict().Keys);
        Assert.True(model.named_parameters().Single(p => p.name == "reference_rate.weight").parameter.grad!.abs().sum().item<float>() > 0);
        Assert.NotEqual(asGiven.data<long>().ToArray(), slowed.data<long>().ToArray());
        Assert.Contains("reference rate on", model.Description);
        using var plain = TinyAcoustic.Model();
        Assert.DoesNotContain(plain.state_dict().Keys, k => k.StartsWith("reference_rate", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthesis_before_training_or_loading_says_what_is_missing()
    {
        using var model = TinyAcoustic.Model();
        var batch = new SyntheticBatches(2, 2).Collate([0, 1]).Batch;
        var error = Assert.Throws<InvalidOperationException>(() => model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths));
        Assert.Contains("Load a checkpoint", error.Message);
    }

    [Fact]
    public void Without_voice_conditioning_the_model_has_no_audio_encoder_and_no_speaker_embedding()
    {
        using var model = TinyAcoustic.Model(voice: false);
        var batch = new SyntheticBatches(2, 2).Collate([0, 1]).Batch;
        Assert.DoesNotContain(model.state_dict().Keys, k => k.StartsWith("audio_encoder.", StringComparison.Ordinal) || k.StartsWith("gst.", StringComparison.Ordinal));
        Assert.False(model.Forward(batch).Aux.ContainsKey(AcousticOutputKeys.SpeakerEmbedding));
    }

    [Fact]
    public void State_dict_keys_mirror_pytorch_names_and_include_the_mel_statistics()
    {
        using var model = TinyAcoustic.Model();
        var keys = model.state_dict().Keys.ToHashSet();
        Assert.Contains("text_encoder.encoder.layers.0.self_attn.in_proj_weight", keys);
        Assert.Contains("text_encoder.embedding.weight", keys);
        Assert.Contains("audio_encoder.resampler.latents", keys);
        Assert.Contains("decoder.layers.0.multihead_attn.out_proj.weight", keys);
        Assert.Contains("gst.tokens", keys);
        Assert.Contains("mel_normalizer.mean", keys);
        Assert.Contains("M parameters", model.Description);
    }

    [Fact]
    public void The_tiny_preset_builds_with_a_few_million_parameters()
    {
        var settings = new ModelSettings
        {
            TextEncoderDim = 128, TextEncoderLayers = 2, TextEncoderHeads = 2, AudioEncoderDim = 128, AudioEncoderLayers = 2, AudioEncoderHeads = 2,
            DecoderDim = 192, DecoderLayers = 3, DecoderHeads = 3, SpeakerEmbeddingDim = 128, VoiceConditioningLayers = 1,
        };
        using var model = AcousticModels.Create(settings, vocabSize: 60);
        var count = model.Module.parameters().Sum(p => p.numel());
        Assert.InRange(count, 2_000_000, 8_000_000);
    }

    [Fact]
    public void The_autoregressive_strategy_is_refused_with_the_setting_to_change()
    {
        var error = Assert.Throws<NotSupportedException>(() => new XttsAcousticModel(TinyAcoustic.Options() with { DecoderStrategy = "autoregressive" }));
        Assert.Contains("model.decoder_strategy", error.Message);
    }
}
