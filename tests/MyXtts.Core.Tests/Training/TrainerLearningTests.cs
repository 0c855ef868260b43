using MyXtts.Core.Training;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class TrainerLearningTests
{
    [Fact]
    public void Training_the_baseline_model_lowers_the_mel_loss()
    {
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(16, 4), reporter, new TrainerOptions { Epochs = 10, LogEvery = 4 });

        var outcome = trainer.Fit();

        Assert.Equal(Core.Training.Reporting.TrainingOutcome.Completed, outcome);
        Assert.Equal(40, trainer.Progress.Step);
        var losses = reporter.Losses;
        Assert.True(losses[^1] < 0.6 * losses[0], $"loss went from {losses[0]:F4} to {losses[^1]:F4}");
    }

    [Fact]
    public void The_start_summary_counts_parameters_and_lists_the_weighted_terms()
    {
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(8, 4), reporter, new TrainerOptions { Epochs = 1, MaxSteps = 1 });

        trainer.Fit();

        var summary = reporter.Summary!;
        Assert.Equal(model.parameters().Sum(p => p.numel()), summary.TotalParameters);
        Assert.Equal(summary.TotalParameters, summary.TrainableParameters);
        Assert.Equal("mel_loss", Assert.Single(summary.LossTerms).Name);
        Assert.Equal(8, summary.TrainUtterances);
    }
}
