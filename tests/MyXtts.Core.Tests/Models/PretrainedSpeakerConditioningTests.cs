using MyXtts.Abstractions.Training;
using MyXtts.Core.Models;
using MyXtts.Core.Tests.Models.Autoregressive;
using MyXtts.Core.Tests.Speakers.Conditioning;
using MyXtts.Core.Tests.Training;
using MyXtts.Core.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

/// <summary>Both acoustic models read a pretrained speaker embedding through <c>speaker_projection</c> (VoiceVectors.Of).</summary>
[Collection(TrainingCollection.Name)]
public sealed class PretrainedSpeakerConditioningTests
{
    public static TheoryData<string> Strategies => new() { AcousticModels.NonAutoregressive, AcousticModels.Autoregressive };

    private static IAcousticModel Model(string strategy)
    {
        ModelTestSupport.Seed(5);
        var options = strategy == AcousticModels.Autoregressive ? TinyAutoregressive.Options() : TinyAcoustic.Options();
        return AcousticModels.Create(options with { PretrainedSpeakerDim = TinyTrainableEncoder.Dim });
    }

    private static TrainingBatch WithEmbedding(TrainingBatch batch, Tensor embedding) =>
        batch with { Extra = new Dictionary<string, Tensor> { [ConditioningKeys.PretrainedSpeakerEmbedding] = embedding } };

    [Theory, MemberData(nameof(Strategies))]
    public void The_projected_pretrained_embedding_changes_what_the_model_predicts(string strategy)
    {
        using var scope = NewDisposeScope();
        using var model = Model(strategy);
        model.Module.eval();
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;

        var first = model.Forward(WithEmbedding(batch, ones(2, TinyTrainableEncoder.Dim))).MelPostnet;
        var second = model.Forward(WithEmbedding(batch, -ones(2, TinyTrainableEncoder.Dim))).MelPostnet;

        Assert.True(ModelTestSupport.MaxDiff(first, second) > 1e-4);
        Assert.Equal(new long[] { 16, TinyTrainableEncoder.Dim }, model.Module.state_dict()["speaker_projection.weight"].shape);
        Assert.Contains($"pretrained speaker {TinyTrainableEncoder.Dim}->16", model.Description);
    }

    [Theory, MemberData(nameof(Strategies))]
    public void Without_a_pretrained_input_the_model_names_the_keys_it_needs(string strategy)
    {
        using var scope = NewDisposeScope();
        using var model = Model(strategy);
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;

        var error = Assert.Throws<InvalidOperationException>(() => model.Forward(batch));

        Assert.Contains(ConditioningKeys.PretrainedSpeakerEmbedding, error.Message);
        Assert.Contains(ConditioningKeys.ReferenceWaveform, error.Message);
    }

    [Theory, MemberData(nameof(Strategies))]
    public void Synthesis_speaks_in_the_voice_of_the_embedding_it_is_given(string strategy)
    {
        using var scope = NewDisposeScope();
        using var model = Model(strategy);
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;
        ((IDataInitializedModel)model).InitializeFrom([batch]);
        Dictionary<string, Tensor> Voice(float sign) => new() { [ConditioningKeys.PretrainedSpeakerEmbedding] = full(1, TinyTrainableEncoder.Dim, sign) };
        var tokens = batch.Tokens[..1];

        manual_seed(1);
        var (first, _) = model.Synthesize(tokens, batch.TokenLengths[..1], batch.ReferenceMel[..1], batch.ReferenceMelLengths[..1], conditioning: Voice(1));
        manual_seed(1);
        var (second, _) = model.Synthesize(tokens, batch.TokenLengths[..1], batch.ReferenceMel[..1], batch.ReferenceMelLengths[..1], conditioning: Voice(-1));

        var frames = Math.Min(first.shape[2], second.shape[2]);
        Assert.True(first.shape[2] != second.shape[2] || ModelTestSupport.MaxDiff(first[.., .., ..(int)frames], second[.., .., ..(int)frames]) > 1e-4);
    }

    [Theory, MemberData(nameof(Strategies))]
    public void An_attached_encoder_embeds_the_reference_waveform_and_receives_gradients(string strategy)
    {
        using var scope = NewDisposeScope();
        using var model = Model(strategy);
        using var encoder = new TinyTrainableEncoder();
        model.SpeakerEncoder = encoder;
        var batch = new SyntheticBatches(4, 2).Collate([0, 1]).Batch;
        var waveforms = ConditionedBatches.Waveforms(batch.SpeakerIds);
        batch = batch with
        {
            Extra = new Dictionary<string, Tensor>
            {
                [ConditioningKeys.ReferenceWaveform] = waveforms, [ConditioningKeys.ReferenceWaveformLengths] = full(2, 32, dtype: ScalarType.Int64),
            },
        };

        model.Forward(batch).MelPostnet.pow(2).mean().backward();

        Assert.Equal(1, encoder.Calls);
        Assert.All(encoder.Module.parameters(), p => Assert.True(p.grad is { } g && g.abs().sum().item<float>() > 0));
    }
}
