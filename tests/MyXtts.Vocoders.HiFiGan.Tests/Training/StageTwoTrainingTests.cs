using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;
using MyXtts.Core.Training.Vocoder;
using MyXtts.Plugins.Vocoders.HiFiGan;
using MyXtts.Plugins.Vocoders.HiFiGan.Training;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Training;

[Collection(StageTwoCollection.Name)]
public sealed class StageTwoTrainingTests
{
    [Fact]
    public void A_few_GAN_steps_on_a_tiny_generator_give_finite_losses_and_a_falling_generator_mel_loss()
    {
        using var folder = new TempFolder();
        manual_seed(1);
        using var vocoder = StageTwoFixture.Vocoder(folder.Path);
        using var model = vocoder.CreateTrainingModel(new());
        var log = new StageTwoFixture.StepLog();
        using var trainer = StageTwoFixture.Trainer(model, StageTwoFixture.Clips(4), StageTwoFixture.Options(epochs: 4, learningRate: 2e-3), reporter: log);

        Assert.Equal(TrainingOutcome.Completed, trainer.Fit());

        Assert.Equal(16, log.Steps.Count);
        string[] names = ["loss", "discriminator_loss", "generator_adversarial_loss", "feature_matching_loss", "vocoder_mel_loss", "w_vocoder_mel_loss", "grad_norm"];
        Assert.All(log.Steps, step => Assert.All(names, name => Assert.True(double.IsFinite(step[name]), $"{name} = {step[name]}")));
        Assert.Equal(45 * log.Steps[0]["vocoder_mel_loss"], log.Steps[0]["w_vocoder_mel_loss"], 3);
        var first = log.Steps.Take(4).Average(s => s["vocoder_mel_loss"]);
        var last = log.Steps.TakeLast(4).Average(s => s["vocoder_mel_loss"]);
        Assert.True(last < 0.8 * first, $"generator mel L1 went from {first:F3} (first 4 steps) to {last:F3} (last 4)");
    }

    [Fact]
    public void Resuming_halfway_gives_bit_for_bit_the_weights_of_an_uninterrupted_run()
    {
        using var folder = new TempFolder();
        var clips = StageTwoFixture.Clips(3);
        var options = StageTwoFixture.Options(epochs: 3, maxSteps: 4);   // 3 steps per epoch: the halfway point is mid-epoch 1, the rest crosses into epoch 2

        var straight = Train(folder.PathOf("straight"), clips, options, resume: false);
        Train(folder.PathOf("halves"), clips, options with { MaxSteps = 2 }, resume: false);
        var resumed = Train(folder.PathOf("halves"), clips, options, resume: true);

        Assert.Equal(straight.Keys.Order(), resumed.Keys.Order());
        Assert.All(straight, kv => Assert.True(kv.Value.SequenceEqual(resumed[kv.Key]), $"'{kv.Key}' differs after resume"));
    }

    [Fact]
    public void The_stage_two_checkpoint_leads_to_a_generator_file_the_hifigan_vocoder_loads_and_synthesizes_with_identically()
    {
        using var folder = new TempFolder();
        manual_seed(3);
        using var vocoder = StageTwoFixture.Vocoder(folder.Path);
        using var model = vocoder.CreateTrainingModel(new());
        var checkpoints = folder.PathOf("stage2");
        var clips = StageTwoFixture.Clips(2);
        using (var trainer = StageTwoFixture.Trainer(model, clips, StageTwoFixture.Options(epochs: 1, batchSize: 2), checkpoints, validation: clips.Take(1).ToList(), samples: folder.PathOf("samples")))
            trainer.Fit();

        var store = new CheckpointStore(checkpoints, 3, Serilog.Core.Logger.None);
        var generatorFile = VocoderCheckpoint.GeneratorWeights(store.StepFiles().Single());
        Assert.Equal(generatorFile, VocoderCheckpoint.GeneratorWeights(checkpoints));
        Assert.True(File.Exists(Path.Combine(checkpoints, GeneratorExport.ConfigFileName)));
        Assert.True(File.Exists(Path.Combine(folder.PathOf("samples"), "epoch-0001", "clip0.wav")));
        Assert.Contains("\"mean_mel_l1\"", File.ReadAllText(Path.Combine(folder.PathOf("samples"), "epoch-0001", "mel_l1.json")));

        using var loaded = new HiFiGanVocoder(new HiFiGanOptions { Config = Path.Combine(checkpoints, GeneratorExport.ConfigFileName) }, StageTwoFixture.Mel);
        loaded.LoadWeights(generatorFile);
        using var scope = NewDisposeScope();
        var mel = tensor(clips[0].Mel, [1, clips[0].MelChannels, clips[0].Frames]);
        model.Generator.eval();
        using var _ = no_grad();
        var expected = model.Generate(mel).squeeze(1);
        Assert.True(loaded.Synthesize(mel).allclose(expected, rtol: 1e-4, atol: 1e-5), "the exported generator synthesizes differently from the trained one");
    }

    /// <summary>Trains (or resumes) in <paramref name="checkpoints"/> and returns every generator and discriminator tensor's bytes.</summary>
    private static Dictionary<string, byte[]> Train(string checkpoints, IReadOnlyList<VocoderClip> clips, VocoderTrainerOptions options, bool resume)
    {
        manual_seed(resume ? 999 : 7);   // a resumed run must not depend on its own initialisation
        using var vocoder = StageTwoFixture.Vocoder(Directory.CreateDirectory(checkpoints).FullName);
        using var model = vocoder.CreateTrainingModel(new());
        using var trainer = StageTwoFixture.Trainer(model, clips, options, checkpoints, validation: clips.Take(1).ToList());
        if (resume) trainer.Resume(new CheckpointStore(checkpoints, 3, Serilog.Core.Logger.None).ReadLatest(VocoderCheckpoint.Read));
        trainer.Fit();
        return model.Generator.state_dict().Select(kv => ("g." + kv.Key, kv.Value))
            .Concat(model.Discriminator.state_dict().Select(kv => ("d." + kv.Key, kv.Value)))
            .ToDictionary(kv => kv.Item1, kv => kv.Item2.cpu().contiguous().bytes.ToArray());
    }
}
