using MyXtts.Abstractions.Metrics;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;
using NSubstitute;

namespace MyXtts.Core.Tests.Training;

/// <summary><c>training.val_step</c>: validations every N optimizer steps besides the one after every epoch.</summary>
[Collection(TrainingCollection.Name)]
public sealed class StepValidationTests
{
    [Fact]
    public void A_run_with_val_step_3_validates_after_steps_3_6_9_and_after_every_epoch()
    {
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        var sink = Substitute.For<IMetricsSink>();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(10, 2), new CompositeReporter(reporter, new MetricsReporter([sink])),
            new TrainerOptions { Epochs = 2, ValidateEvery = 3, LogEvery = 1 }, validation: new SyntheticBatches(2, 2));

        trainer.Fit();

        // 5 steps per epoch: steps 3, 6 and 9 by val_step, 5 and 10 at the epoch ends.
        Assert.Equal([3L, 5, 6, 9, 10], reporter.Validations.Select(v => v.Step));
        Assert.Equal([false, true, false, false, true], reporter.Validations.Select(v => v.EndOfEpoch));
        Assert.Equal([0, 0, 1, 1, 1], reporter.Validations.Select(v => v.Epoch));
        foreach (var step in new long[] { 3, 5, 6, 9, 10 })
            sink.Received(1).WriteScalars(step, Arg.Is<IReadOnlyDictionary<string, double>>(s => s.ContainsKey("val/" + TrainingMeters.Loss)));
        sink.DidNotReceive().WriteScalars(4, Arg.Is<IReadOnlyDictionary<string, double>>(s => s.ContainsKey("val/" + TrainingMeters.Loss)));
    }

    [Fact]
    public void When_val_step_divides_the_epoch_its_last_step_is_validated_once_and_the_epoch_report_carries_that_validation()
    {
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(10, 2), reporter,
            new TrainerOptions { Epochs = 2, ValidateEvery = 5, LogEvery = 1 }, validation: new SyntheticBatches(2, 2));

        trainer.Fit();

        Assert.Equal([5L, 10], reporter.Validations.Select(v => v.Step));
        Assert.All(reporter.Validations, v => Assert.True(v.EndOfEpoch));
        Assert.Equal(reporter.Validations.Select(v => v.Metrics[TrainingMeters.Loss]), reporter.Epochs.Select(e => e.Validation![TrainingMeters.Loss]));
    }

    [Fact]
    public void A_run_resumed_from_a_validation_at_the_end_of_an_epoch_keeps_that_validation_loss_in_the_epoch_checkpoint()
    {
        using var dir = new TempDirectory();
        var reporter = new RecordingReporter();
        using (var model = TinyTraining.Model())
        using (var first = TinyTraining.Trainer(model, new SyntheticBatches(10, 2), reporter,
                   new TrainerOptions { Epochs = 2, ValidateEvery = 5, MaxSteps = 5, LogEvery = 1 }, validation: new SyntheticBatches(2, 2), checkpoints: TinyTraining.Store(dir.Path)))
            Assert.Equal(TrainingOutcome.MaxStepsReached, first.Fit());
        var validated = Assert.Single(reporter.Validations).Metrics[TrainingMeters.Loss];

        using (var model = TinyTraining.Model())
        using (var resumed = TinyTraining.Trainer(model, new SyntheticBatches(10, 2), new RecordingReporter(),
                   new TrainerOptions { Epochs = 2, ValidateEvery = 5, LogEvery = 1 }, validation: new SyntheticBatches(2, 2), checkpoints: TinyTraining.Store(dir.Path)))
        {
            resumed.Resume(TinyTraining.Store(dir.Path).ReadLatest());
            resumed.Fit();
        }

        var endOfFirstEpoch = TrainingCheckpoint.Read(Path.Combine(dir.Path, "step-000000005.ckpt")).Manifest;
        Assert.Equal(1, endOfFirstEpoch.Progress.Epoch);
        Assert.Equal(validated, endOfFirstEpoch.ValidationLoss);
    }

    [Fact]
    public void With_val_step_0_only_the_epoch_ends_validate()
    {
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(10, 2), reporter,
            new TrainerOptions { Epochs = 2, ValidateEvery = 0, LogEvery = 1 }, validation: new SyntheticBatches(2, 2));

        trainer.Fit();

        Assert.Equal([5L, 10], reporter.Validations.Select(v => v.Step));
    }

    [Fact]
    public void Step_validations_pick_the_best_checkpoint_and_stop_early_in_the_middle_of_an_epoch()
    {
        using var dir = new TempDirectory();
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        // A learning rate of ~0: the first validation (step 1) is the best, steps 2 and 3 do not improve on it.
        using var trainer = new Trainer(new TrainerSetup
        {
            Model = model, LossTerms = TinyTraining.MelLossOnly(), Train = new SyntheticBatches(8, 2), Validation = new SyntheticBatches(2, 2),
            Settings = TinyTraining.Settings with { LearningRate = 1e-8, WeightDecay = 0 }, Reporter = reporter, Checkpoints = TinyTraining.Store(dir.Path),
            Options = new TrainerOptions { Epochs = 20, ValidateEvery = 1, EarlyStoppingPatience = 2, EarlyStoppingMinDelta = 0.01 },
        });

        Assert.Equal(TrainingOutcome.EarlyStopped, trainer.Fit());

        Assert.Equal(3, trainer.Progress.Step);                   // 4 steps per epoch: stopped inside the first
        Assert.Empty(reporter.Epochs);
        Assert.Equal([true, false, false], reporter.Validations.Select(v => v.IsBest));
        var best = TrainingCheckpoint.Read(Path.Combine(dir.Path, CheckpointStore.BestFile)).Manifest;
        Assert.Equal(1, best.Progress.Step);
        Assert.Equal(reporter.Validations[0].Metrics[TrainingMeters.Loss], best.ValidationLoss);
        var latest = TinyTraining.Store(dir.Path).ReadLatest().Manifest.Progress;
        Assert.Equal((3L, 2), (latest.Step, latest.EpochsWithoutImprovement));   // the last validation's checkpoint, patience count included
    }
}
