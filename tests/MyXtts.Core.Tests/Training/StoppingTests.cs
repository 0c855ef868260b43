using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class StoppingTests
{
    [Fact]
    public void A_stop_request_ends_the_run_after_the_current_step_with_a_checkpoint_to_resume_from()
    {
        using var dir = new TempDirectory();
        using var model = TinyTraining.Model();
        using var stop = new CancellationTokenSource();
        var reporter = new StopAfterFirstStep(stop);
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(8, 2), reporter, new TrainerOptions { Epochs = 3 }, checkpoints: TinyTraining.Store(dir.Path));

        var outcome = trainer.Fit(stop.Token);

        Assert.Equal(TrainingOutcome.Interrupted, outcome);
        var saved = TinyTraining.Store(dir.Path).ReadLatest().Manifest.Progress;
        Assert.Equal((1L, 0, 1), (saved.Step, saved.Epoch, saved.Position));   // one micro-batch of epoch 0 consumed
    }

    [Fact]
    public void Training_stops_early_when_validation_has_not_improved_for_patience_epochs()
    {
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        // A learning rate of zero: validation can never improve after the first epoch.
        using var trainer = new Trainer(new TrainerSetup
        {
            Model = model, LossTerms = TinyTraining.MelLossOnly(), Train = new SyntheticBatches(4, 2), Validation = new SyntheticBatches(2, 2),
            Settings = TinyTraining.Settings with { LearningRate = 1e-8, WeightDecay = 0 }, Reporter = reporter,
            Options = new TrainerOptions { Epochs = 20, EarlyStoppingPatience = 2, EarlyStoppingMinDelta = 0.01 },
        });

        var outcome = trainer.Fit();

        Assert.Equal(TrainingOutcome.EarlyStopped, outcome);
        Assert.Equal(3, reporter.Epochs.Count);   // epoch 1 sets the best, epochs 2 and 3 do not improve it
        Assert.True(reporter.Epochs[0].IsBest);
        Assert.Equal(2, trainer.Progress.EpochsWithoutImprovement);
    }

    [Fact]
    public void Max_steps_stops_mid_epoch_and_saves()
    {
        using var dir = new TempDirectory();
        using var model = TinyTraining.Model();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(8, 2), new RecordingReporter(), new TrainerOptions { Epochs = 3, MaxSteps = 3 },
            checkpoints: TinyTraining.Store(dir.Path));

        Assert.Equal(TrainingOutcome.MaxStepsReached, trainer.Fit());
        Assert.Equal(3, trainer.Progress.Step);
        Assert.EndsWith("step-000000003.ckpt", trainer.LastCheckpoint);
        Assert.Equal(3, TrainingCheckpoint.Read(trainer.LastCheckpoint!).Manifest.Progress.Step);
    }

    private sealed class StopAfterFirstStep(CancellationTokenSource stop) : ITrainingReporter
    {
        public void RunStarted(RunSummary summary) { }
        public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { }
        public void StepCompleted(StepReport report) => stop.Cancel();   // as Ctrl-C during the first step would
        public void EpochCompleted(EpochReport report) { }
        public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) { }
    }
}
