using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Reporting;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class CheckpointEvaluatorHookTests
{
    private sealed class Recorder(bool fail = false) : ICheckpointEvaluator
    {
        public List<CheckpointWritten> Seen { get; } = [];

        public void Evaluate(CheckpointWritten checkpoint)
        {
            Seen.Add(checkpoint);
            if (fail) throw new InvalidOperationException("evaluation broke");
        }
    }

    private static Trainer Trainer(ICheckpointEvaluator evaluator, string directory, TrainerOptions options) => new(new TrainerSetup
    {
        Model = TinyTraining.Model(), LossTerms = TinyTraining.MelLossOnly(), Train = new SyntheticBatches(4, 2), Settings = TinyTraining.Settings,
        Options = options, Checkpoints = TinyTraining.Store(directory), Reporter = new RecordingReporter(), Evaluator = evaluator,
    });

    [Fact]
    public void The_evaluator_gets_each_epochs_checkpoint_and_the_final_one_after_it_is_written()
    {
        using var dir = new TempDirectory();
        var recorder = new Recorder();
        using var trainer = Trainer(recorder, dir.Path, new TrainerOptions { Epochs = 3, MaxSteps = 5 });

        Assert.Equal(TrainingOutcome.MaxStepsReached, trainer.Fit());

        Assert.Equal([(2L, 1, false), (4L, 2, false), (5L, 2, true)], recorder.Seen.Select(c => (c.Step, c.Epoch, c.Final)));
        Assert.All(recorder.Seen, c => Assert.True(File.Exists(c.Checkpoint), c.Checkpoint));
        Assert.EndsWith("step-000000005.ckpt", recorder.Seen[^1].Checkpoint);
    }

    [Fact]
    public void A_failing_evaluator_does_not_stop_training()
    {
        using var dir = new TempDirectory();
        var recorder = new Recorder(fail: true);
        using var trainer = Trainer(recorder, dir.Path, new TrainerOptions { Epochs = 2 });

        Assert.Equal(TrainingOutcome.Completed, trainer.Fit());
        Assert.Equal(4, trainer.Progress.Step);
        Assert.Equal([2L, 4L, 4L], recorder.Seen.Select(c => c.Step));   // the end of the run is offered again; the evaluator skips repeats itself
    }
}
