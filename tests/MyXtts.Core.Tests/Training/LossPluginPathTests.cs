using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Losses;
using NSubstitute;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class LossPluginPathTests
{
    [Fact]
    public void A_plugin_loss_term_is_weighted_logged_raw_and_weighted_and_its_gradient_reaches_the_parameters()
    {
        var plugin = Substitute.For<ILossTerm>();
        plugin.AppliesTo(Arg.Any<LossContext>()).Returns(true);
        plugin.Compute(Arg.Any<LossContext>()).Returns(call => new LossValue(call.Arg<LossContext>().Outputs.MelPostnet.pow(2).mean())
        {
            Metrics = new Dictionary<string, double> { ["calls"] = 1 },
        });
        var weights = new Dictionary<string, double> { ["energy_like"] = 0.5 };
        var terms = LossWeights.Apply([("energy_like", plugin)], weights);   // the plugin alone: any parameter change is its gradient
        using var model = TinyTraining.Model();
        var before = TinyTraining.Snapshot(model);
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(4, 2), reporter, new TrainerOptions { Epochs = 1, LogEvery = 1 }, losses: terms);

        trainer.Fit();

        plugin.Received(2).Compute(Arg.Any<LossContext>());
        var logged = reporter.Steps[0].Metrics!;
        Assert.Equal(logged["energy_like"] * 0.5, logged["w_energy_like"], 6);
        Assert.Equal(logged["w_energy_like"], logged[TrainingMeters.Loss], 6);
        Assert.Equal(1, logged["energy_like/calls"]);
        Assert.Contains("w_energy_like", reporter.Epochs.Single().Train.Keys);
        Assert.Contains(before, kv => kv.Key.StartsWith("postnet.", StringComparison.Ordinal) && !TinyTraining.Same(kv.Value, model.state_dict()[kv.Key]));
    }

    [Fact]
    public void A_term_that_does_not_apply_to_a_batch_is_left_out_of_the_total()
    {
        var absent = Substitute.For<ILossTerm>();
        absent.AppliesTo(Arg.Any<LossContext>()).Returns(false);
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(4, 2), reporter, new TrainerOptions { Epochs = 1, LogEvery = 1 },
            losses: [.. TinyTraining.MelLossOnly(), new("stop_loss", absent, 2.0, "test")]);

        trainer.Fit();

        absent.DidNotReceive().Compute(Arg.Any<LossContext>());
        Assert.DoesNotContain("stop_loss", reporter.Steps[0].Metrics!.Keys);
        Assert.Equal(reporter.Steps[0].Metrics!["mel_loss"], reporter.Steps[0].Metrics![TrainingMeters.Loss], 6);
    }

    [Fact]
    public void Loss_weights_come_from_the_exact_name_then_the_legacy_short_name_then_default_to_one()
    {
        var configured = new Dictionary<string, double> { ["mel"] = 35, ["stop_loss"] = 2 };

        Assert.Equal((35.0, "training.loss_weights.mel"), LossWeights.Resolve("mel_loss", configured));
        Assert.Equal((2.0, "training.loss_weights.stop_loss"), LossWeights.Resolve("stop_loss", configured));
        Assert.Equal((1.0, "default"), LossWeights.Resolve("fixture_l1", configured));
        var error = Assert.Throws<ArgumentException>(() => LossWeights.Apply([("mel_loss", new MelLoss())], new Dictionary<string, double> { ["mel_loss"] = -1 }));
        Assert.Contains("--loss-weight mel_loss=VALUE", error.Message);
    }

    [Fact]
    public void Training_runs_with_the_null_profiler_and_times_steps_validation_and_checkpoints_with_a_real_one()
    {
        using var model = TinyTraining.Model();
        using var nullRun = TinyTraining.Trainer(model, new SyntheticBatches(4, 2), new RecordingReporter(), new TrainerOptions { Epochs = 1 });
        Assert.Equal(Core.Training.Reporting.TrainingOutcome.Completed, nullRun.Fit());   // the default profiler is NullProfiler.Instance

        var profiler = Substitute.For<IOperationProfiler>();
        using var dir = new MyXtts.Tests.Shared.TempDirectory();
        using var profiled = new Trainer(new TrainerSetup
        {
            Model = model, LossTerms = TinyTraining.MelLossOnly(), Train = new SyntheticBatches(4, 2), Validation = new SyntheticBatches(2, 2),
            Settings = TinyTraining.Settings, Options = new TrainerOptions { Epochs = 1 }, Profiler = profiler, Checkpoints = TinyTraining.Store(dir.Path),
        });
        profiled.Fit();

        profiler.Received(2).ProfileOperation("train_step");
        profiler.Received(1).ProfileOperation("validate");
        profiler.Received(1).ProfileOperation("checkpoint");
        Assert.Same(NullProfiler.Instance, new TrainerSetup { Model = model, LossTerms = [], Train = null!, Settings = new(), Options = new() }.Profiler);
    }
}
