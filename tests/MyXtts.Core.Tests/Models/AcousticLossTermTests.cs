using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models;
using MyXtts.Core.Training.Losses;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

public sealed class AcousticLossTermTests
{
    [Fact]
    public void Duration_loss_is_the_masked_mse_of_log_durations_with_empty_tokens_counted_as_one_frame_plus_the_squared_log_error_of_the_total()
    {
        var predicted = tensor(new float[] { 0, MathF.Log(2), 50 }, [1, 3]).requires_grad_();   // the padded 50 must neither count nor overflow
        var context = Context(tokenLengths: [2], aux: new()
        {
            [AcousticOutputKeys.LogDurations] = predicted,
            [AcousticOutputKeys.Durations] = tensor(new float[] { 0, 4, 7 }, [1, 3]),
        });
        var loss = new DurationLoss().Compute(context).Value;
        // tokens: (0 − log 1)² and (log 2 − log 4)² over 2; total: predicted 1 + 2 = 3 steps against 1 + 4 = 5
        Assert.Equal(Math.Pow(Math.Log(2), 2) / 2 + Math.Pow(Math.Log(3.0 / 5), 2), loss.item<float>(), 4);
        loss.backward();
        Assert.True(predicted.grad!.abs().sum().item<float>() > 0);
        Assert.Equal(0f, predicted.grad![0, 2].item<float>());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(10.0)]
    public void Duration_loss_weighs_the_total_part_by_its_total_weight_option(double totalWeight)
    {
        var context = Context(tokenLengths: [2], aux: new()
        {
            [AcousticOutputKeys.LogDurations] = tensor(new float[] { 0, MathF.Log(2) }, [1, 2]),
            [AcousticOutputKeys.Durations] = tensor(new float[] { 1, 4 }, [1, 2]),
        });
        var loss = new DurationLoss(new DurationLossOptions { TotalWeight = totalWeight }).Compute(context).Value;
        Assert.Equal(Math.Pow(Math.Log(2), 2) / 2 + totalWeight * Math.Pow(Math.Log(3.0 / 5), 2), loss.item<float>(), 4);
    }

    [Fact]
    public void Duration_loss_refuses_a_negative_total_weight_naming_the_key()
    {
        var context = Context(tokenLengths: [1], aux: new()
        {
            [AcousticOutputKeys.LogDurations] = zeros(1, 1),
            [AcousticOutputKeys.Durations] = ones(1, 1),
        });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DurationLoss(new DurationLossOptions { TotalWeight = -1 }).Compute(context));
        Assert.Contains("plugins.duration_loss.TotalWeight", error.Message);
    }

    [Fact]
    public void Attention_loss_is_half_the_squared_error_per_valid_step_and_channel()
    {
        var means = tensor(new float[] { 0, 1, 9 }, [1, 1, 3]).requires_grad_();
        var context = Context(tokenLengths: [1], aux: new()
        {
            [AcousticOutputKeys.AlignedMeans] = means,
            [AcousticOutputKeys.AlignmentTarget] = zeros(1, 1, 3),
            [AcousticOutputKeys.StepLengths] = tensor(new long[] { 2 }),
        });
        var loss = new AttentionLoss().Compute(context).Value;
        Assert.Equal(0.25, loss.item<float>(), 5);
        loss.backward();
        Assert.Equal(new[] { 0f, 0.5f, 0f }, means.grad!.flatten().data<float>().ToArray());
    }

    [Theory]
    [InlineData(0.0, 0.31326)]   // log(1 + e^-1): one positive at cosine 1, one negative at cosine 0, τ = 1
    [InlineData(0.5, 0.47408)]   // log(1 + e^-0.5): the margin lowers the positive's logit
    public void Speaker_contrastive_loss_matches_the_hand_computed_value(double margin, double expected)
    {
        var embeddings = tensor(new float[] { 1, 0, 2, 0, 0, 3 }, [3, 2]).requires_grad_();
        var context = Context(tokenLengths: [1, 1, 1], speakers: [0, 0, 1], aux: new() { [AcousticOutputKeys.SpeakerEmbedding] = embeddings });
        var loss = new SpeakerContrastiveLoss(new SpeakerContrastiveOptions { Temperature = 1, Margin = margin }).Compute(context).Value;
        Assert.Equal(expected, loss.item<float>(), 4);
        loss.backward();
        Assert.True(embeddings.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Speaker_contrastive_loss_is_zero_with_a_gradient_when_no_speaker_appears_twice()
    {
        var embeddings = randn(3, 4).requires_grad_();
        var context = Context(tokenLengths: [1, 1, 1], speakers: [0, 1, 2], aux: new() { [AcousticOutputKeys.SpeakerEmbedding] = embeddings });
        var loss = new SpeakerContrastiveLoss().Compute(context).Value;
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.NotNull(embeddings.grad);
    }

    [Fact]
    public void Speaker_contrastive_options_reject_a_non_positive_temperature_naming_the_key()
    {
        var context = Context(tokenLengths: [1], speakers: [0], aux: new() { [AcousticOutputKeys.SpeakerEmbedding] = ones(1, 2) });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SpeakerContrastiveLoss(new SpeakerContrastiveOptions { Temperature = 0 }).Compute(context));
        Assert.Contains("plugins.speaker_contrastive_loss.Temperature", error.Message);
    }

    [Fact]
    public void Pitch_loss_is_the_mse_over_valid_tokens_and_sends_gradient_to_the_prediction_only()
    {
        var predicted = tensor(new float[] { 0.5f, 1, 9 }, [1, 3]).requires_grad_();
        var target = tensor(new float[] { 0, 0, 0 }, [1, 3]).requires_grad_();
        var context = Context(tokenLengths: [2], aux: new() { [AcousticOutputKeys.PitchPredicted] = predicted, [AcousticOutputKeys.PitchTarget] = target });
        var loss = new PitchLoss().Compute(context).Value;
        Assert.Equal((0.25 + 1) / 2, loss.item<float>(), 5);
        loss.backward();
        Assert.Equal(new[] { 0.5f, 1f, 0f }, predicted.grad!.flatten().data<float>().ToArray());   // d/dp of Σ(p − t)²/2 = p − t; the padded token none
        Assert.True(target.grad is null || target.grad.abs().sum().item<float>() == 0);
    }

    [Fact]
    public void Energy_loss_is_the_mse_over_valid_tokens_of_each_row()
    {
        var predicted = tensor(new float[] { 1, -1, 3, 2, 0, 0 }, [2, 3]).requires_grad_();
        var target = tensor(new float[] { 0, 0, 0, 2, 2, 7 }, [2, 3]);
        var context = Context(tokenLengths: [3, 2], aux: new() { [AcousticOutputKeys.EnergyPredicted] = predicted, [AcousticOutputKeys.EnergyTarget] = target });
        var loss = new EnergyLoss().Compute(context).Value;
        Assert.Equal((1 + 1 + 9 + 0 + 4) / 5.0, loss.item<float>(), 5);
        loss.backward();
        Assert.Equal(0f, predicted.grad![1, 2].item<float>());
        Assert.Equal(2 * 3 / 5f, predicted.grad![0, 2].item<float>(), 5);
    }

    [Theory]
    [InlineData(new float[] { 1, 0, 0, 2 }, new float[] { 2, 0, 0, 3 }, 0.0)]          // same directions, other lengths: identical voices
    [InlineData(new float[] { 1, 0, 1, 1 }, new float[] { 0, 1, 1, 0 }, 0.5 * (1 + (1 - 0.70710678)))]   // orthogonal (1) and 45° (1 − cos 45°)
    public void Voice_similarity_loss_is_one_minus_the_cosine_averaged_over_the_batch(float[] output, float[] reference, double expected)
    {
        var predicted = tensor(output, [2, 2]).requires_grad_();
        var target = tensor(reference, [2, 2]).requires_grad_();
        var context = Context(tokenLengths: [1, 1], aux: new()
        {
            [AcousticOutputKeys.OutputVoiceEmbedding] = predicted, [AcousticOutputKeys.ReferenceVoiceEmbedding] = target,
        });
        var loss = new VoiceSimilarityLoss().Compute(context).Value;
        Assert.Equal(expected, loss.item<float>(), 5);
        loss.backward();
        Assert.NotNull(predicted.grad);
        Assert.True(target.grad is null || target.grad.abs().sum().item<float>() == 0, "the reference is the target: no gradient");
    }

    [Fact]
    public void Voice_similarity_loss_pulls_the_output_embedding_towards_the_reference()
    {
        var predicted = tensor(new float[] { 1, 0.2f }, [1, 2]).requires_grad_();
        var context = Context(tokenLengths: [1], aux: new()
        {
            [AcousticOutputKeys.OutputVoiceEmbedding] = predicted, [AcousticOutputKeys.ReferenceVoiceEmbedding] = tensor(new float[] { 0, 1 }, [1, 2]),
        });
        var loss = new VoiceSimilarityLoss().Compute(context).Value;
        loss.backward();
        Assert.True(predicted.grad![0, 1].item<float>() < 0, "descending the loss raises the component along the reference");
        Assert.Equal([AcousticOutputKeys.OutputVoiceEmbedding, AcousticOutputKeys.ReferenceVoiceEmbedding], new VoiceSimilarityLoss().OptionalOutputs);
    }

    [Fact]
    public void Terms_do_not_apply_to_models_without_their_outputs()
    {
        var context = Context(tokenLengths: [1], aux: new());
        Assert.False(new DurationLoss().AppliesTo(context));
        Assert.False(new AttentionLoss().AppliesTo(context));
        Assert.False(new SpeakerContrastiveLoss().AppliesTo(context));
        Assert.False(new PitchLoss().AppliesTo(context));
        Assert.False(new EnergyLoss().AppliesTo(context));
        Assert.False(new VoiceSimilarityLoss().AppliesTo(context));
    }

    private static LossContext Context(long[] tokenLengths, Dictionary<string, Tensor> aux, long[]? speakers = null)
    {
        var b = tokenLengths.Length;
        var batch = new TrainingBatch
        {
            Ids = Enumerable.Range(0, b).Select(i => $"u{i}").ToArray(),
            Tokens = zeros(b, tokenLengths.Max(), dtype: ScalarType.Int64), TokenLengths = tensor(tokenLengths),
            Mel = zeros(b, 2, 2), MelLengths = full(b, 2L), SpeakerIds = tensor(speakers ?? new long[b]),
            ReferenceMel = zeros(b, 2, 2), ReferenceMelLengths = full(b, 2L),
        };
        return new LossContext(batch, new ModelOutputs { Mel = zeros(b, 2, 2), MelPostnet = zeros(b, 2, 2), Aux = aux }, 0);
    }
}
