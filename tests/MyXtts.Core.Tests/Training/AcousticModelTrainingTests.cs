using MyXtts.Core.Tests.Models;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Reporting;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

/// <summary>
/// Accumulation equivalence and resume exactness with the acoustic model itself (<see cref="TinyAcoustic"/>: text and audio
/// encoders, GST, monotonic alignment search, mel statistics taken from data, all four loss terms), not only the baseline.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class AcousticModelTrainingTests
{
    [Fact]
    public void Two_accumulated_micro_batches_of_B_give_the_acoustic_models_gradient_of_one_batch_of_2B()
    {
        // speaker_contrastive_loss weight 0: that term compares each row with the other rows of its batch (positives and
        // negatives), so over two micro-batches of B it sees other pairs than over one batch of 2B — accumulation is not
        // meant to reproduce it. Every other term is a per-row masked mean; with equal lengths 2B rows average like 2 × B.
        var data = new SyntheticBatches(4, 2, equalLengths: true);

        var accumulated = GradientsAfterOneStep(new FixedBatches([[0, 1], [2, 3]], data), gradAccum: 2);
        var large = GradientsAfterOneStep(new FixedBatches([[0, 1, 2, 3]], data), gradAccum: 1);

        Assert.Equal(large.Keys, accumulated.Keys);
        foreach (var (name, value) in large)
            Assert.True(value.allclose(accumulated[name], rtol: 1e-5, atol: 1e-7), $"gradient of {name} differs: max |Δ| = {(value - accumulated[name]).abs().max().item<float>()}");
    }

    [Fact]
    public void An_acoustic_model_run_stopped_and_resumed_matches_an_uninterrupted_run_bit_for_bit()
    {
        // All four terms on, dropout on, validation every 2 steps: 3 steps per epoch, 7 in all, stopped after step 4 (mid-epoch, right
        // after a validation). The resumed run is built from other seeds, so it can only match through the checkpoint: weights,
        // mel statistics, optimizer, generator state, data position, best validation loss.
        using var dir = new TempDirectory();
        var straight = Run(maxSteps: 7, Path.Combine(dir.Path, "straight"), resume: false);
        var first = Run(maxSteps: 4, Path.Combine(dir.Path, "split"), resume: false);
        var second = Run(maxSteps: 7, Path.Combine(dir.Path, "split"), resume: true);

        Assert.Equal(straight.Losses, first.Losses.Concat(second.Losses).ToArray());
        Assert.Equal(straight.Validations, first.Validations.Concat(second.Validations).ToArray());
        Assert.Equal(straight.Progress, second.Progress);
        Assert.Equal(straight.Parameters.Keys, second.Parameters.Keys);
        foreach (var (name, value) in straight.Parameters)
            Assert.True(TinyTraining.Same(value, second.Parameters[name]), $"{name} differs after resume");
    }

    private static Dictionary<string, Tensor> GradientsAfterOneStep(IBatchSource source, int gradAccum)
    {
        using var model = TinyAcoustic.Model(seed: 3);
        using var trainer = TinyTraining.Trainer(model, source, new RecordingReporter(), new TrainerOptions { Epochs = 1, GradientAccumulation = gradAccum, LogEvery = 1 },
            losses: TinyAcoustic.Terms(speakerWeight: 0));
        trainer.Fit();
        Assert.Equal(1, trainer.Progress.Step);
        return model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }

    private static (IReadOnlyList<double> Losses, IReadOnlyList<(long, double)> Validations, TrainingProgress Progress, Dictionary<string, Tensor> Parameters)
        Run(long maxSteps, string checkpoints, bool resume)
    {
        using var model = TinyAcoustic.Model(seed: resume ? 99 : 7, dropout: 0.2);
        manual_seed(resume ? 12345 : 7);
        var reporter = new RecordingReporter();
        var store = TinyTraining.Store(checkpoints);
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(9, 3), reporter,
            new TrainerOptions { Epochs = 5, MaxSteps = maxSteps, LogEvery = 1, ValidateEvery = 2 }, validation: new SyntheticBatches(3, 3),
            checkpoints: store, losses: TinyAcoustic.Terms());
        if (resume) trainer.Resume(store.ReadLatest());
        trainer.Fit();
        Assert.Equal(TrainingOutcome.MaxStepsReached, reporter.Outcome);
        return (reporter.Losses, reporter.Validations.Select(v => (v.Step, v.Metrics[TrainingMeters.Loss])).ToArray(), trainer.Progress, TinyTraining.Snapshot(model));
    }
}
