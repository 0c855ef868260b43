using static TorchSharp.torch;
using MyXtts.Core.Models;
using MyXtts.Core.Tests.Models;
using MyXtts.Core.Tests.Speakers.Conditioning;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;

namespace MyXtts.Core.Tests.Training;

/// <summary>Frozen: no gradient, no optimizer state, weights unchanged and not stored. Fine-tuned: its own parameter group, trained, stored and restored.</summary>
[Collection(TrainingCollection.Name)]
public sealed class PretrainedSpeakerEncoderTrainingTests
{
    private static readonly MyXtts.Abstractions.Configuration.TrainingSettings Settings = TinyTraining.Settings with { SpeakerEncoderLearningRate = 1e-3 };

    private static XttsAcousticModel Model()
    {
        ModelTestSupport.Seed(5);
        return new XttsAcousticModel(TinyAcoustic.Options() with { PretrainedSpeakerDim = TinyTrainableEncoder.Dim });
    }

    private static Trainer Trainer(XttsAcousticModel model, ConditionedBatches batches, CheckpointStore store, TinyTrainableEncoder? fineTuned) => new(new TrainerSetup
    {
        Model = model, LossTerms = TinyAcoustic.Losses().Terms, Train = batches, Settings = Settings, Checkpoints = store,
        Options = new TrainerOptions { Epochs = 5, MaxSteps = 3, LogEvery = 1 }, Reporter = new CompositeReporter(),
        SpeakerEncoder = fineTuned?.Module,
        SpeakerEncoderRecord = new SpeakerEncoderRecord { Status = SpeakerEncoderRecord.Active, Type = "tiny", EmbeddingDim = TinyTrainableEncoder.Dim, Frozen = fineTuned is null },
    });

    [Fact]
    public void A_frozen_encoder_has_no_optimizer_state_keeps_its_weights_and_is_not_stored_in_the_checkpoint()
    {
        using var dir = new TempDirectory();
        using var encoder = new TinyTrainableEncoder();
        using var model = Model();
        var encoderBefore = TinyTraining.Snapshot(encoder.Module);
        var projectionBefore = model.state_dict()["speaker_projection.weight"].detach().clone();
        using var trainer = Trainer(model, new ConditionedBatches(new SyntheticBatches(8, 4), frozen: encoder), TinyTraining.Store(dir.Path), fineTuned: null);

        trainer.Fit();

        var group = Assert.Single(trainer.ParameterGroups);
        var encoderHandles = encoder.Module.parameters().Select(p => p.Handle).ToHashSet();
        Assert.DoesNotContain(group.Parameters, p => encoderHandles.Contains(p.Handle));
        Assert.All(encoder.Module.state_dict(), kv => Assert.True(TinyTraining.Same(encoderBefore[kv.Key], kv.Value), kv.Key));
        Assert.False(TinyTraining.Same(projectionBefore, model.state_dict()["speaker_projection.weight"]));
        var checkpoint = TrainingCheckpoint.Read(trainer.LastCheckpoint!);
        Assert.False(checkpoint.HasSpeakerEncoder);
        Assert.True(checkpoint.Manifest.SpeakerEncoder!.Frozen);
    }

    [Fact]
    public void A_fine_tuned_encoder_trains_as_a_second_parameter_group_and_its_weights_are_stored_and_restored_on_resume()
    {
        using var dir = new TempDirectory();
        using var encoder = new TinyTrainableEncoder();
        using var model = Model();
        model.SpeakerEncoder = encoder;
        var before = TinyTraining.Snapshot(encoder.Module);
        var batches = new ConditionedBatches(new SyntheticBatches(8, 4), frozen: null);
        using var trainer = Trainer(model, batches, TinyTraining.Store(dir.Path), encoder);

        trainer.Fit();

        Assert.Equal([Settings.LearningRate, Settings.SpeakerEncoderLearningRate], trainer.ParameterGroups.Select(g => g.LearningRate));
        Assert.Equal(encoder.Module.parameters().Select(p => p.Handle), trainer.ParameterGroups[1].Parameters.Select(p => p.Handle));
        Assert.True(encoder.Calls >= 3, $"the encoder ran {encoder.Calls} times in 3 steps");
        Assert.Contains(encoder.Module.state_dict(), kv => !TinyTraining.Same(before[kv.Key], kv.Value));
        var checkpoint = TrainingCheckpoint.Read(trainer.LastCheckpoint!);
        Assert.True(checkpoint.HasSpeakerEncoder);

        using var freshEncoder = new TinyTrainableEncoder(seed: 99);
        using var freshModel = Model();
        freshModel.SpeakerEncoder = freshEncoder;
        using var resumed = Trainer(freshModel, batches, TinyTraining.Store(dir.File("other")), freshEncoder);
        resumed.Resume(checkpoint);

        Assert.All(encoder.Module.state_dict(), kv => Assert.True(TinyTraining.Same(kv.Value, freshEncoder.Module.state_dict()[kv.Key]), kv.Key));

        // Another encoder size: refused with the keys named and the checkpoint's encoder type, and nothing copied.
        using var wider = nn.Sequential(("projection", nn.Linear(TinyTrainableEncoder.Window, TinyTrainableEncoder.Dim + 1)));
        var widerBefore = TinyTraining.Snapshot(wider);
        var error = Assert.Throws<CheckpointException>(() => checkpoint.RestoreSpeakerEncoder(wider));
        Assert.Contains("do not fit the encoder", error.Message);
        Assert.Contains("projection.weight: file [6, 16] vs module [7, 16]", error.Message);
        Assert.Contains("Use the encoder type the checkpoint records", error.Message);
        Assert.All(wider.state_dict(), kv => Assert.True(TinyTraining.Same(widerBefore[kv.Key], kv.Value), kv.Key));
    }
}
