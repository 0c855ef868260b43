using MyXtts.Abstractions.Losses;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Conditioning;
using MyXtts.Core.Models.Layers;
using MyXtts.Core.Tests.Training;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Losses;
using TorchSharp;

namespace MyXtts.Core.Tests.Models;

/// <summary><c>voice_similarity_loss</c> through each model's own audio encoder, frozen for this term.</summary>
[Collection(TrainingCollection.Name)]
public sealed class VoiceSimilarityTests
{
    private static IAcousticModel Model(string strategy)
    {
        ModelTestSupport.Seed(7);
        return AcousticModels.Create(TinyAcoustic.Options() with { DecoderStrategy = strategy, PrenetDropout = 0, VoiceDropout = 0.2 });
    }

    private static WeightedLossTerm Term(double weight) => new(VoiceSimilarityLoss.Name, new VoiceSimilarityLoss(), weight, "test");

    [Theory]
    [InlineData(AcousticModels.NonAutoregressive)]
    [InlineData(AcousticModels.Autoregressive)]
    public void The_gradient_reaches_the_decoder_and_postnet_through_the_predicted_mel(string strategy)
    {
        using var model = Model(strategy);
        OptionalOutputs.Enable(model, [Term(3.0)]);
        model.Module.train();
        var batch = new SyntheticBatches(6, 3).Collate([0, 1, 2]).Batch;
        var outputs = model.Forward(batch);
        var loss = new VoiceSimilarityLoss().Compute(new LossContext(batch, outputs, 0)).Value;
        Assert.InRange(loss.item<float>(), 0f, 2f);
        Assert.False(outputs.Aux[AcousticOutputKeys.ReferenceVoiceEmbedding].requires_grad);
        model.Module.zero_grad();
        loss.backward();

        Assert.True(Norm(model, "decoder.") > 0, "no gradient reached the decoder");
        Assert.True(Norm(model, "postnet.") > 0, "no gradient reached the postnet");
        Assert.All(model.Module.parameters(), p => Assert.True(p.requires_grad));   // the freeze is undone after the pass
        Assert.True(model.Module.training, "the encoder's eval mode for the frozen pass is undone");
    }

    [Fact]
    public void The_audio_encoder_as_judge_gets_no_gradient_while_the_judged_mel_does()
    {
        using var model = (XttsAcousticModel)Model(AcousticModels.NonAutoregressive);
        var batch = new SyntheticBatches(6, 3).Collate([0, 1, 2]).Batch;
        model.InitializeFrom([batch]);
        // The predicted mel as a leaf: any gradient the encoder receives would come from its pass as the judge.
        var predicted = (batch.Mel + 0.3 * torch.randn_like(batch.Mel)).requires_grad_();
        var aux = new Dictionary<string, torch.Tensor>();
        VoiceSimilarityOutputs.Add(aux, model.MelNormalizer, model.AudioEncoder!, predicted, batch);
        var loss = new VoiceSimilarityLoss().Compute(new LossContext(batch, new() { Mel = predicted, MelPostnet = predicted, Aux = aux }, 0)).Value;
        model.zero_grad();
        loss.backward();

        Assert.True(predicted.grad!.abs().sum().item<float>() > 0, "the judged mel gets a gradient");
        Assert.Equal(0, Norm(model, "audio_encoder."));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Theory]
    [InlineData(AcousticModels.NonAutoregressive)]
    [InlineData(AcousticModels.Autoregressive)]
    public void The_audio_encoder_still_learns_from_the_other_terms(string strategy)
    {
        using var model = Model(strategy);
        OptionalOutputs.Enable(model, [Term(3.0)]);
        var batch = new SyntheticBatches(6, 3).Collate([0, 1, 2]).Batch;
        var outputs = model.Forward(batch);
        model.Module.zero_grad();
        new MelLoss().Compute(new LossContext(batch, outputs, 0)).Value.backward();
        Assert.True(Norm(model, "audio_encoder.") > 0);
    }

    [Fact]
    public void A_frozen_module_passes_gradient_to_its_input_only_and_is_restored_after()
    {
        ModelTestSupport.Seed(3);
        using var module = torch.nn.Sequential(("0", torch.nn.Linear(3, 3)), ("1", torch.nn.Dropout(0.9)));
        module.train();
        var input = torch.randn(2, 3).requires_grad_();
        var first = FrozenParameters.Run(module, () => module.call(input));
        var second = FrozenParameters.Run(module, () => module.call(input));
        Assert.Equal(0, ModelTestSupport.MaxDiff(first, second));   // eval mode inside: no dropout
        first.sum().backward();
        Assert.True(input.grad!.abs().sum().item<float>() > 0);
        Assert.All(module.parameters(), p => Assert.Null(p.grad));
        Assert.All(module.parameters(), p => Assert.True(p.requires_grad));
        Assert.True(module.training);
    }

    [Fact]
    public void The_outputs_cost_nothing_unless_a_term_weighted_above_zero_reads_them()
    {
        using var model = Model(AcousticModels.NonAutoregressive);
        var batch = new SyntheticBatches(6, 3).Collate([0, 1]).Batch;
        Assert.False(model.Forward(batch).Aux.ContainsKey(AcousticOutputKeys.OutputVoiceEmbedding));
        OptionalOutputs.Enable(model, [Term(0.0)]);
        Assert.False(model.Forward(batch).Aux.ContainsKey(AcousticOutputKeys.OutputVoiceEmbedding));
        OptionalOutputs.Enable(model, [Term(0.5)]);
        Assert.True(model.Forward(batch).Aux.ContainsKey(AcousticOutputKeys.OutputVoiceEmbedding));

        ModelTestSupport.Seed(7);
        using var voiceless = AcousticModels.Create(TinyAcoustic.Options(voice: false));
        OptionalOutputs.Enable(voiceless, [Term(1.0)]);
        Assert.False(voiceless.Forward(batch).Aux.ContainsKey(AcousticOutputKeys.OutputVoiceEmbedding));   // no encoder: the term does not apply
    }

    [Fact]
    public void Both_strategies_list_the_new_terms_as_built_in()
    {
        Assert.Contains(VoiceSimilarityLoss.Name, AcousticModels.LossTermNames(AcousticModels.Autoregressive));
        Assert.Equal([MelLoss.Name, AttentionLoss.Name, DurationLoss.Name, PitchLoss.Name, EnergyLoss.Name, SpeakerContrastiveLoss.Name, VoiceSimilarityLoss.Name],
            AcousticModels.LossTermNames(AcousticModels.NonAutoregressive));
    }

    private static double Norm(IAcousticModel model, string prefix) =>
        model.Module.named_parameters().Where(p => p.name.StartsWith(prefix, StringComparison.Ordinal) && p.parameter.grad is not null)
            .Sum(p => p.parameter.grad!.abs().sum().item<float>());
}
