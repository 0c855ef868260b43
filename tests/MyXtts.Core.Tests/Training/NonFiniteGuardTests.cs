using MyXtts.Abstractions.Losses;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Losses;
using NSubstitute;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class NonFiniteGuardTests
{
    [Fact]
    public void A_step_with_a_NaN_loss_is_skipped_counted_and_leaves_the_parameters_unchanged()
    {
        using var model = TinyTraining.Model();
        var before = TinyTraining.Snapshot(model);
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(8, 4), reporter, new TrainerOptions { Epochs = 1, LogEvery = 1 },
            losses: [.. TinyTraining.MelLossOnly(), new("poison", PoisonOnStep(0), 1.0, "test")]);

        trainer.Fit();

        Assert.Equal(1, trainer.Progress.SkippedSteps);
        Assert.True(reporter.Steps[0].Skipped);
        Assert.False(reporter.Steps[1].Skipped);
        Assert.True(double.IsFinite(reporter.Epochs.Single().Train[TrainingMeters.Loss]), "a skipped step must not reach the epoch means");
        Assert.Contains(before, kv => !TinyTraining.Same(kv.Value, model.state_dict()[kv.Key]));   // the second step did train
    }

    [Fact]
    public void Too_many_non_finite_steps_in_a_row_stop_the_run_with_a_message_saying_what_to_do()
    {
        using var model = TinyTraining.Model();
        var before = TinyTraining.Snapshot(model);
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(16, 2), new RecordingReporter(),
            new TrainerOptions { Epochs = 1, LogEvery = 1, MaxConsecutiveNonFinite = 3 },
            losses: [.. TinyTraining.MelLossOnly(), new("poison", PoisonOnStep(null), 1.0, "test")]);

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit());

        Assert.Contains("3 optimizer steps in a row had non-finite gradients", error.Message);
        Assert.Contains("--lr", error.Message);
        Assert.Equal(3, trainer.Progress.Step);
        Assert.All(before, kv => Assert.True(TinyTraining.Same(kv.Value, model.state_dict()[kv.Key]), $"{kv.Key} changed"));
    }

    /// <summary>A term whose value is NaN (with a gradient) on <paramref name="step"/>, or on every step when null; zero otherwise.</summary>
    private static ILossTerm PoisonOnStep(long? step)
    {
        var term = Substitute.For<ILossTerm>();
        term.AppliesTo(Arg.Any<LossContext>()).Returns(true);
        term.Compute(Arg.Any<LossContext>()).Returns(call =>
        {
            var context = call.Arg<LossContext>();
            var poisoned = step is null || context.Step == step;
            return new LossValue(context.Outputs.Mel.mean() * (poisoned ? double.NaN : 0.0));
        });
        return term;
    }
}
