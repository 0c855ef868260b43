using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Models;
using MyXtts.Core.Tests.Training;
using MyXtts.Core.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

/// <summary>The non-autoregressive model with pitch and energy predictors (FastSpeech 2's variance adaptor).</summary>
[Collection(TrainingCollection.Name)]
public sealed class VarianceAdaptorModelTests
{
    private static XttsAcousticModel Model(bool pitch = true, bool energy = true)
    {
        ModelTestSupport.Seed(5);
        return new XttsAcousticModel(TinyAcoustic.Options() with { PitchPredictor = pitch, EnergyPredictor = energy });
    }

    /// <summary>A synthetic batch with an F0 track: a rising contour over each row's valid frames, every third frame unvoiced.</summary>
    internal static TrainingBatch WithPitch(TrainingBatch batch)
    {
        var (b, t) = (batch.Mel.shape[0], batch.Mel.shape[2]);
        var lengths = batch.MelLengths.data<long>().ToArray();
        var f0 = new float[b * t];
        for (var r = 0; r < b; r++)
            for (var j = 0; j < lengths[r]; j++) f0[r * t + j] = j % 3 == 2 ? 0 : 100 + 5 * j + 20 * r;
        return batch with { Extra = new Dictionary<string, Tensor> { [BatchExtraKeys.Pitch] = tensor(f0, [b, t]) } };
    }

    [Fact]
    public void Forward_outputs_predicted_and_target_prosody_per_token_and_both_losses_train_their_predictors()
    {
        using var model = Model();
        var batch = WithPitch(new SyntheticBatches(6, 3).Collate([0, 1, 2]).Batch);
        var outputs = model.Forward(batch);
        foreach (var key in new[] { AcousticOutputKeys.PitchPredicted, AcousticOutputKeys.PitchTarget, AcousticOutputKeys.EnergyPredicted, AcousticOutputKeys.EnergyTarget })
            Assert.Equal(batch.Tokens.shape, outputs.Aux[key].shape);
        var context = new LossContext(batch, outputs, 0);
        AssertGradient(model, new PitchLoss().Compute(context).Value, "variance_adaptor.pitch_predictor.");
        AssertGradient(model, new EnergyLoss().Compute(context).Value, "variance_adaptor.energy_predictor.");
        AssertGradient(model, new MelLoss().Compute(context).Value, "variance_adaptor.pitch_embedding.");   // the embedded targets shape the mel
        AssertGradient(model, new MelLoss().Compute(context).Value, "variance_adaptor.energy_embedding.");
    }

    [Fact]
    public void Predictor_losses_leave_the_text_encoder_alone()
    {
        using var model = Model();
        var batch = WithPitch(new SyntheticBatches(6, 3).Collate([0, 1, 2]).Batch);
        var context = new LossContext(batch, model.Forward(batch), 0);
        model.zero_grad();
        (new PitchLoss().Compute(context).Value + new EnergyLoss().Compute(context).Value).backward();
        Assert.Equal(0, GradientNorm(model, "text_encoder."));
    }

    [Fact]
    public void Synthesis_embeds_the_predicted_pitch()
    {
        using var model = Model(energy: false);
        var batch = WithPitch(new SyntheticBatches(6, 3).Collate([0, 1]).Batch);
        model.InitializeFrom([batch]);
        var (before, _) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths);
        using (no_grad()) model.named_parameters().Single(p => p.name == "variance_adaptor.pitch_predictor.projection.bias").parameter.add_(3);
        var (after, _) = model.Synthesize(batch.Tokens, batch.TokenLengths, batch.ReferenceMel, batch.ReferenceMelLengths);
        Assert.Equal(before.shape, after.shape);   // durations do not depend on the pitch
        Assert.True(ModelTestSupport.MaxDiff(before, after) > 1e-3, "raising every predicted pitch must change the mel");
    }

    [Fact]
    public void A_batch_without_f0_fails_naming_the_missing_input_and_the_setting()
    {
        using var model = Model();
        var batch = new SyntheticBatches(6, 3).Collate([0, 1]).Batch;
        var error = Assert.Throws<InvalidOperationException>(() => model.Forward(batch));
        Assert.Contains("model.use_pitch_predictor", error.Message);
        Assert.Contains(BatchExtraKeys.Pitch, error.Message);
    }

    [Fact]
    public void The_variance_adaptor_has_pytorch_style_keys_only_when_a_predictor_is_on()
    {
        using var both = Model();
        var keys = both.state_dict().Keys.ToHashSet();
        Assert.Contains("variance_adaptor.pitch_predictor.blocks.0.conv.weight", keys);
        Assert.Contains("variance_adaptor.pitch_embedding.weight", keys);
        Assert.Contains("variance_adaptor.energy_predictor.projection.bias", keys);
        Assert.Contains("duration_predictor.blocks.1.norm.ln.weight", keys);   // unchanged by the rename to VariancePredictor
        using var energyOnly = Model(pitch: false);
        Assert.DoesNotContain(energyOnly.state_dict().Keys, k => k.StartsWith("variance_adaptor.pitch", StringComparison.Ordinal));
        using var none = Model(pitch: false, energy: false);
        Assert.DoesNotContain(none.state_dict().Keys, k => k.StartsWith("variance_adaptor", StringComparison.Ordinal));
        Assert.Contains("variance pitch+energy", both.Description);
    }

    [Fact]
    public void The_model_learns_a_small_batch_with_the_predictors_on()
    {
        using var model = Model();
        var batch = WithPitch(new SyntheticBatches(8, 8).Collate([0, 1, 2, 3, 4, 5, 6, 7]).Batch);
        var losses = new LossSet([.. TinyAcoustic.Losses().Terms, new(PitchLoss.Name, new PitchLoss(), 1.0, "test"), new(EnergyLoss.Name, new EnergyLoss(), 1.0, "test")]);
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        model.train();
        var first = new Dictionary<string, float>();
        var last = new Dictionary<string, float>();
        for (var step = 0; step < 40; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var evaluation = losses.Evaluate(new LossContext(batch, model.Forward(batch), step));
            evaluation.Total.backward();
            optimizer.step();
            foreach (var c in evaluation.Components) { last[c.Term.Name] = c.Raw.item<float>(); first.TryAdd(c.Term.Name, last[c.Term.Name]); }
        }
        Assert.True(last[MelLoss.Name] < 0.5 * first[MelLoss.Name], $"mel {first[MelLoss.Name]} → {last[MelLoss.Name]}");
        Assert.True(last[PitchLoss.Name] < 0.7 * first[PitchLoss.Name], $"pitch {first[PitchLoss.Name]} → {last[PitchLoss.Name]}");
        Assert.True(last[EnergyLoss.Name] < 0.7 * first[EnergyLoss.Name], $"energy {first[EnergyLoss.Name]} → {last[EnergyLoss.Name]}");
    }

    private static void AssertGradient(XttsAcousticModel model, Tensor loss, string prefix)
    {
        model.zero_grad();
        loss.backward(retain_graph: true);
        Assert.True(GradientNorm(model, prefix) > 0, $"no gradient reached {prefix}*");
    }

    private static double GradientNorm(nn.Module model, string prefix) =>
        model.named_parameters().Where(p => p.name.StartsWith(prefix, StringComparison.Ordinal) && p.parameter.grad is not null)
            .Sum(p => p.parameter.grad!.abs().sum().item<float>());
}
