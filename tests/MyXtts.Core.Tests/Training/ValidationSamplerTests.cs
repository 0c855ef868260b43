using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Metrics;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Tests.Models;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Reporting;
using MyXtts.Core.Training.Samples;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Serilog.Core;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class ValidationSamplerTests
{
    [Fact]
    public void After_each_epoch_the_same_held_out_utterances_are_synthesized_free_running_to_wav_mel_and_alignment_files_and_the_sinks()
    {
        using var dir = new TempDirectory();
        var sink = Substitute.For<IMetricsSink>();
        using var model = TinyAcoustic.Model();
        using var sampler = new ValidationSampler(FastGriffinLim(), count: 2, dir.Path, [sink], Logger.None);
        using var trainer = new Trainer(Setup(model, TinyAcoustic.Losses().Terms, sampler, epochs: 2));

        trainer.Fit();

        foreach (var step in new[] { 2, 4 })
        {
            var folder = Path.Combine(dir.Path, ValidationSampler.FolderName, $"step-{step}");
            var files = Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order().ToArray();
            Assert.Equal(["u0.alignment.png", "u0.png", "u0.wav", "u1.alignment.png", "u1.png", "u1.wav"], files);
            var wav = WavReader.Read(Path.Combine(folder, "u0.wav"));
            Assert.Equal(22050, wav.SampleRate);
            Assert.True(wav.Frames >= 256, "at least one frame of audio");
            sink.Received(1).WriteAudio(step, "samples/u0/audio", Arg.Any<ReadOnlyMemory<float>>(), 22050);
            sink.Received(1).WriteImage(step, "samples/u1/mel", Arg.Is<ReadOnlyMemory<byte>>(png => png.Length > 1000));
            sink.Received(1).WriteImage(step, "samples/u1/alignment", Arg.Any<ReadOnlyMemory<byte>>());
        }
        Assert.True(model.training, "the trainer puts the model back in training mode");
    }

    [Fact]
    public void A_model_that_cannot_synthesize_gets_its_teacher_forced_mel_vocoded_and_no_alignment_image()
    {
        using var dir = new TempDirectory();
        using var model = TinyTraining.Model();
        using var sampler = new ValidationSampler(FastGriffinLim(), count: 1, dir.Path, [], Logger.None);
        using var trainer = new Trainer(Setup(model, TinyTraining.MelLossOnly(), sampler, epochs: 1));

        trainer.Fit();

        var files = Directory.GetFiles(Path.Combine(dir.Path, ValidationSampler.FolderName, "step-2")).Select(f => Path.GetFileName(f)!).Order();
        Assert.Equal(["u0.png", "u0.wav"], files.ToArray());
    }

    [Fact]
    public void A_failing_sampler_is_logged_and_training_goes_on()
    {
        var sampler = Substitute.For<IValidationSampler>();
        sampler.When(s => s.Write(Arg.Any<long>(), Arg.Any<ITrainableModel>(), Arg.Any<IBatchSource>())).Do(_ => throw new IOException("disk full"));
        using var model = TinyTraining.Model();
        using var trainer = new Trainer(Setup(model, TinyTraining.MelLossOnly(), sampler, epochs: 2));

        Assert.Equal(TrainingOutcome.Completed, trainer.Fit());
        sampler.Received(2).Write(Arg.Any<long>(), model, Arg.Any<IBatchSource>());
    }

    private static GriffinLimVocoder FastGriffinLim() =>
        new(new GriffinLimOptions { Iterations = 4, NnlsIterations = 2 }, new MelSettings { NMels = 8 });

    private static TrainerSetup Setup(ITrainableModel model, IReadOnlyList<Core.Training.Losses.WeightedLossTerm> losses, IValidationSampler sampler, int epochs) => new()
    {
        Model = model, LossTerms = losses, Train = new SyntheticBatches(4, 2), Validation = new SyntheticBatches(2, 2),
        Settings = TinyTraining.Settings, Options = new TrainerOptions { Epochs = epochs, LogEvery = 1 }, Samples = sampler,
    };
}
