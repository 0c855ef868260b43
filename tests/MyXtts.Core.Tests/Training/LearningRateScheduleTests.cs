using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Training.Optimization;

namespace MyXtts.Core.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Noam_rises_linearly_to_the_peak_at_the_end_of_warmup_then_decays_with_the_inverse_square_root()
    {
        var noam = LearningRateSchedules.From(new TrainingSettings { Scheduler = "noam", LearningRate = 1e-3, WarmupSteps = 100 }, 1000);

        Assert.Equal(1e-5, noam.At(0), 12);
        Assert.Equal(5e-4, noam.At(49), 12);
        Assert.Equal(1e-3, noam.At(99), 12);
        Assert.Equal(5e-4, noam.At(399), 12);   // sqrt(100 / 400)
    }

    [Fact]
    public void Cosine_warms_up_then_falls_to_the_floor_at_the_last_step()
    {
        var cosine = LearningRateSchedules.From(new TrainingSettings { Scheduler = "cosine", LearningRate = 1e-3, MinLearningRate = 1e-5, WarmupSteps = 10 }, 110);

        Assert.Equal(1e-4, cosine.At(0), 12);
        Assert.Equal(1e-3, cosine.At(10), 12);
        Assert.Equal((1e-3 + 1e-5) / 2, cosine.At(60), 12);
        Assert.Equal(1e-5, cosine.At(110), 12);
        Assert.Equal(1e-5, cosine.At(500), 12);
    }
}
