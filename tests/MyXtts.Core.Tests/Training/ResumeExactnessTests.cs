using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Reporting;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class ResumeExactnessTests
{
    // 3 batches per epoch and 7 steps: the interruption (after step 4) falls in the middle of the second epoch, so the
    // resumed run must restart the data order mid-epoch, and both halves cross epoch ends with validation; dropout makes
    // the generator state matter.
    private const int Steps = 7, Half = 4;

    [Fact]
    public void A_run_stopped_and_resumed_from_its_checkpoint_matches_an_uninterrupted_run_bit_for_bit()
    {
        using var dir = new TempDirectory();
        var straight = Run(maxSteps: Steps, checkpoints: Path.Combine(dir.Path, "straight"), resume: false);
        var first = Run(maxSteps: Half, checkpoints: Path.Combine(dir.Path, "split"), resume: false);
        var second = Run(maxSteps: Steps, checkpoints: Path.Combine(dir.Path, "split"), resume: true);   // fresh model, optimizer, data

        Assert.Equal(TrainingOutcome.MaxStepsReached, first.Outcome);
        Assert.Equal(straight.Losses, first.Losses.Concat(second.Losses).ToArray());
        Assert.Equal(straight.Parameters.Keys, second.Parameters.Keys);
        foreach (var (name, value) in straight.Parameters)
            Assert.True(TinyTraining.Same(value, second.Parameters[name]), $"parameter {name} differs after resume");
    }

    private static (IReadOnlyList<double> Losses, Dictionary<string, Tensor> Parameters, TrainingOutcome? Outcome) Run(long maxSteps, string checkpoints, bool resume)
    {
        using var model = TinyTraining.Model(seed: resume ? 99 : 7, dropout: 0.2);   // a resumed run must not depend on its own init
        manual_seed(resume ? 12345 : 7);                                              // ... nor on the generator's state before resuming
        var reporter = new RecordingReporter();
        var store = TinyTraining.Store(checkpoints);
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(9, 3), reporter,
            new TrainerOptions { Epochs = 5, MaxSteps = maxSteps, LogEvery = 1 }, validation: new SyntheticBatches(3, 3), checkpoints: store);
        if (resume) trainer.Resume(store.ReadLatest());
        trainer.Fit();
        return (reporter.Losses, TinyTraining.Snapshot(model), reporter.Outcome);
    }
}
