using System.Diagnostics;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Autoregressive;
using MyXtts.Core.Models.NonAutoregressive;
using MyXtts.Core.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models.Autoregressive;

[Collection(TrainingCollection.Name)]
public sealed class AutoregressiveAcousticModelTests
{
    [Fact]
    public void Forward_returns_mels_of_the_target_shape_and_the_stop_and_alignment_outputs_the_loss_terms_read()
    {
        using var model = TinyAutoregressive.Model();
        var batch = new SyntheticBatches(6, 3).Collate([0, 1, 2]).Batch;
        var outputs = model.Forward(batch);
        var steps = FrameStacking.ReducedLengths(batch.MelLengths, 2);
        var maxSteps = steps.max().item<long>();

        Assert.Equal(batch.Mel.shape, outputs.Mel.shape);
        Assert.Equal(batch.Mel.shape, outputs.MelPostnet.shape);
        Assert.Equal(new[] { 3, maxSteps }, outputs.Aux[AcousticOutputKeys.StopLogits].shape);
        Assert.Equal(new[] { 3, maxSteps, batch.Tokens.shape[1] }, outputs.Aux[AcousticOutputKeys.DecoderAlignment].shape);
        Assert.Equal(steps.data<long>().ToArray(), outputs.Aux[AcousticOutputKeys.StepLengths].data<long>().ToArray());
        var evaluation = TinyAutoregressive.Losses().Evaluate(new LossContext(batch, outputs, 0));
        Assert.Equal([MelLossName, StopLossName, AttentionLossName, ContrastiveName], evaluation.Components.Select(c => c.Term.Name));
        Assert.All(evaluation.Components, c => Assert.True(float.IsFinite(c.Raw.item<float>())));
    }

    [Fact]
    public void Every_loss_term_sends_gradient_into_the_model()
    {
        using var model = TinyAutoregressive.Model(prenetDropout: 0.5);
        var batch = new SyntheticBatches(6, 3).Collate([0, 1, 2, 3]).Batch;
        var evaluation = TinyAutoregressive.Losses().Evaluate(new LossContext(batch, model.Forward(batch), 0));
        foreach (var component in evaluation.Components)
        {
            model.zero_grad();
            component.Raw.backward(retain_graph: true);
            var norm = model.parameters().Where(p => p.grad is not null).Sum(p => p.grad!.abs().sum().item<float>());
            Assert.True(norm > 0, $"{component.Term.Name} produced no gradient");
        }
    }

    [Fact]
    public void What_padded_tokens_frames_and_reference_frames_hold_does_not_move_valid_outputs()
    {
        // Without style tokens: GST's strided reference encoder does not mask between its convolutions, so the last
        // reduced frame of a padded reference differs (by ~1e-4) from the same reference alone; its own test covers content.
        using var model = TinyAutoregressive.Model(gst: false);
        model.eval();
        var batch = new SyntheticBatches(6, 2).Collate([0, 1, 2]).Batch;
        var tokenLengths = batch.TokenLengths.data<long>().ToArray();
        var melLengths = batch.MelLengths.data<long>().ToArray();
        var row = Array.IndexOf(melLengths, melLengths.Min());      // the shortest row has padding everywhere
        var garbage = batch with
        {
            Tokens = batch.Tokens.clone(), Mel = batch.Mel.clone(), ReferenceMel = batch.ReferenceMel.clone(),
        };
        garbage.Tokens[row, (int)tokenLengths[row]..] = full(batch.Tokens.shape[1] - tokenLengths[row], 9L);
        garbage.Mel[row, .., (int)melLengths[row]..] = randn(8, batch.Mel.shape[2] - melLengths[row]) * 30;
        garbage.ReferenceMel[row, .., (int)melLengths[row]..] = randn(8, batch.Mel.shape[2] - melLengths[row]) * 30;
        var alone = new TrainingBatch
        {
            Ids = [batch.Ids[row]], Tokens = batch.Tokens[row..(row + 1), ..(int)tokenLengths[row]], TokenLengths = batch.TokenLengths[row..(row + 1)],
            Mel = batch.Mel[row..(row + 1), .., ..(int)melLengths[row]], MelLengths = batch.MelLengths[row..(row + 1)],
            SpeakerIds = batch.SpeakerIds[row..(row + 1)], ReferenceMel = batch.ReferenceMel[row..(row + 1), .., ..(int)melLengths[row]],
            ReferenceMelLengths = batch.ReferenceMelLengths[row..(row + 1)],
        };

        var a = model.Forward(batch);
        var b = model.Forward(garbage);
        var c = model.Forward(alone);

        var frames = (int)melLengths[row];
        var steps = (frames + 1) / 2;
        Assert.True(ModelTestSupport.MaxDiff(a.MelPostnet[row, .., ..frames], b.MelPostnet[row, .., ..frames]) < 1e-4);
        Assert.True(ModelTestSupport.MaxDiff(a.Aux[AcousticOutputKeys.StopLogits][row, ..steps], b.Aux[AcousticOutputKeys.StopLogits][row, ..steps]) < 1e-4);
        Assert.True(ModelTestSupport.MaxDiff(a.MelPostnet[row, .., ..frames], c.MelPostnet[0]) < 1e-4);
        Assert.True(ModelTestSupport.MaxDiff(a.Aux[AcousticOutputKeys.DecoderAlignment][row, ..steps, ..(int)tokenLengths[row]], c.Aux[AcousticOutputKeys.DecoderAlignment][0]) < 1e-4);
    }

    [Fact]
    public void The_model_learns_a_small_batch_quickly()
    {
        // Teacher forcing with the prenet's default dropout (0.5); the autoregressive decoder has to find the alignment
        // itself, so it needs more steps than the non-autoregressive model. Windows of 5 steps smooth the stop loss's noise.
        const int steps = 80, window = 5;
        var clock = Stopwatch.StartNew();
        using var model = TinyAutoregressive.Model(prenetDropout: 0.5);
        var batch = new SyntheticBatches(8, 8).Collate([0, 1, 2, 3, 4, 5, 6, 7]).Batch;
        var losses = TinyAutoregressive.Losses();
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        model.train();
        var history = new List<float[]>();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var evaluation = losses.Evaluate(new LossContext(batch, model.Forward(batch), step));
            evaluation.Total.backward();
            optimizer.step();
            history.Add(evaluation.Components.Select(c => c.Raw.item<float>()).ToArray());
        }
        double First(int term) => history.Take(window).Average(h => h[term]);
        double Last(int term) => history.TakeLast(window).Average(h => h[term]);
        Assert.True(Last(0) < 0.55 * First(0), $"mel loss went from {First(0)} to {Last(0)}; expected a drop of at least 45 %");
        Assert.True(Last(1) < 0.5 * First(1), $"stop loss went from {First(1)} to {Last(1)}; expected it to halve");
        Assert.True(Last(2) < 0.6 * First(2), $"attention loss went from {First(2)} to {Last(2)}; expected a drop of at least 40 %");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(0.4, true)]    // a zeroed stop head gives probability ½ at every step: above 0.4, the first step stops
    [InlineData(0.6, false)]   // below 0.6, nothing stops and every row runs to its cap
    public void Synthesis_stops_when_the_stop_probability_exceeds_the_threshold_and_otherwise_at_the_length_cap(double threshold, bool stopsAtOnce)
    {
        ModelTestSupport.Seed(5);
        using var model = new AutoregressiveAcousticModel(TinyAutoregressive.Options() with { StopThreshold = threshold });
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;
        model.train();
        model.Forward(batch);   // takes the mel statistics
        using (no_grad())
        {
            var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            parameters["decoder.stop_projection.weight"].zero_();
            parameters["decoder.stop_projection.bias"].zero_();
        }

        var (mel, lengths) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths);

        // Cap: ceil(6 frames/token × L) frames, rounded up to whole steps of r = 2.
        var caps = batch.TokenLengths.data<long>().Select(l => (6 * l + 1) / 2 * 2).ToArray();
        var expected = stopsAtOnce ? [2L, 2L] : caps;
        Assert.Equal(expected, lengths.data<long>().ToArray());
        Assert.Equal(expected.Max(), mel.shape[2]);
        Assert.Equal(8, mel.shape[1]);
        Assert.True(model.training, "synthesis must restore the training mode");
    }

    [Fact]
    public void Synthesis_at_a_higher_speaking_rate_is_shorter_and_explicit_style_weights_are_accepted()
    {
        using var model = TinyAutoregressive.Model();
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;
        model.train();
        model.Forward(batch);
        using (no_grad()) model.named_parameters().Single(p => p.name == "decoder.stop_projection.bias").parameter.fill_(-20);   // never stops: lengths = caps

        var (_, normal) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths);
        var (fastMel, fast) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths, speed: 2.0);
        var (_, styled) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths,
            styleWeights: nn.functional.one_hot(tensor(new long[] { 1, 2 }), 4).to(ScalarType.Float32));

        Assert.Equal(normal.data<long>().Select(l => (long)Math.Round(l / 2.0)).ToArray(), fast.data<long>().ToArray());
        Assert.Equal(fast.max().item<long>(), fastMel.shape[2]);
        Assert.Equal(normal.data<long>().ToArray(), styled.data<long>().ToArray());
    }

    [Fact]
    public void Synthesis_before_training_or_loading_says_what_is_missing()
    {
        using var model = TinyAutoregressive.Model();
        var batch = new SyntheticBatches(2, 2).Collate([0, 1]).Batch;
        var error = Assert.Throws<InvalidOperationException>(() => model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths));
        Assert.Contains("Load a checkpoint", error.Message);
    }

    [Fact]
    public void State_dict_keys_mirror_pytorch_names_and_share_the_encoders_with_the_non_autoregressive_model()
    {
        using var model = TinyAutoregressive.Model();
        using var other = TinyAcoustic.Model();
        var keys = model.state_dict().Keys.ToHashSet();
        Assert.Contains("decoder.layers.0.self_attn.in_proj_weight", keys);
        Assert.Contains("decoder.layers.0.multihead_attn.out_proj.weight", keys);
        Assert.Contains("decoder.layers.0.conditioning_attn.in_proj_weight", keys);
        Assert.Contains("decoder.prenet.layers.1.weight", keys);
        Assert.Contains("decoder.stop_projection.weight", keys);
        Assert.Contains("postnet.convolutions.0.weight", keys);
        var shared = other.state_dict().Keys.Where(k => k.Split('.')[0] is "text_encoder" or "audio_encoder" or "gst" or "mel_normalizer").ToList();
        Assert.NotEmpty(shared);
        Assert.All(shared, k => Assert.Contains(k, keys));
        Assert.Contains("autoregressive", model.Description);
    }

    [Fact]
    public void Without_voice_conditioning_the_decoder_has_no_conditioning_attention()
    {
        using var model = TinyAutoregressive.Model(voice: false);
        var batch = new SyntheticBatches(2, 2).Collate([0, 1]).Batch;
        Assert.DoesNotContain(model.state_dict().Keys, k => k.Contains("conditioning_attn", StringComparison.Ordinal) || k.StartsWith("audio_encoder.", StringComparison.Ordinal));
        Assert.False(model.Forward(batch).Aux.ContainsKey(AcousticOutputKeys.SpeakerEmbedding));
    }

    [Fact]
    public void The_factory_builds_the_class_of_the_decoder_strategy_with_its_loss_terms()
    {
        var settings = new ModelSettings
        {
            TextEncoderDim = 32, TextEncoderLayers = 1, TextEncoderHeads = 2, AudioEncoderDim = 32, AudioEncoderLayers = 1, AudioEncoderHeads = 2,
            DecoderDim = 32, DecoderLayers = 1, DecoderHeads = 2, SpeakerEmbeddingDim = 16, VoiceConditioningLayers = 1, NMels = 8,
        };
        using (var model = AcousticModels.Create(settings with { DecoderStrategy = "autoregressive", StopThreshold = 0.7, MaxFramesPerToken = 9 }, 12))
        {
            var autoregressive = Assert.IsType<AutoregressiveAcousticModel>(model);
            Assert.Equal(0.7, autoregressive.Options.StopThreshold);
            Assert.Equal(9, autoregressive.Options.MaxFramesPerToken);
        }
        using (var model = AcousticModels.Create(settings, 12)) Assert.IsType<XttsAcousticModel>(model);
        Assert.Contains(StopLossName, AcousticModels.LossTermNames("autoregressive"));
        Assert.DoesNotContain(StopLossName, AcousticModels.LossTermNames("non_autoregressive"));
        Assert.Contains("duration_loss", AcousticModels.LossTermNames("non_autoregressive"));
        var error = Assert.Throws<ArgumentException>(() => AcousticModels.Create(TinyAcoustic.Options() with { DecoderStrategy = "diffusion" }));
        Assert.Contains("model.decoder_strategy", error.Message);
        Assert.Contains("autoregressive", error.Message);
    }

    [Fact]
    public void The_tiny_preset_builds_with_a_few_million_parameters()
    {
        var settings = new ModelSettings
        {
            TextEncoderDim = 128, TextEncoderLayers = 2, TextEncoderHeads = 2, AudioEncoderDim = 128, AudioEncoderLayers = 2, AudioEncoderHeads = 2,
            DecoderDim = 192, DecoderLayers = 3, DecoderHeads = 3, SpeakerEmbeddingDim = 128, VoiceConditioningLayers = 1,
            DecoderStrategy = "autoregressive",
        };
        using var model = AcousticModels.Create(settings, vocabSize: 61);
        Assert.InRange(model.Module.parameters().Sum(p => p.numel()), 2_000_000, 8_000_000);
    }

    private const string MelLossName = "mel_loss", StopLossName = "stop_loss", AttentionLossName = "attention_loss", ContrastiveName = "speaker_contrastive_loss";
}
