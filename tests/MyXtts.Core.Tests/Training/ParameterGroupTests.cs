using MyXtts.Core.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

public sealed class ParameterGroupTests
{
    [Theory]
    [InlineData("adamw")]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void Every_group_follows_the_schedule_scaled_by_its_peak_rate_relative_to_the_first(string optimizer)
    {
        using var model = new Parameter(zeros(3));
        using var encoder = new Parameter(zeros(2));
        using var built = OptimizerFactory.Create([new ParameterGroup([model], 1e-2), new ParameterGroup([encoder], 1e-3)],
            TinyTraining.Settings with { Optimizer = optimizer });

        OptimizerFactory.SetLearningRate(built, 4e-3);

        var rates = built.ParamGroups.Select(g => g.LearningRate).ToArray();
        Assert.Equal(2, rates.Length);
        Assert.Equal(4e-3, rates[0], 12);
        Assert.Equal(4e-4, rates[1], 12);
    }
}
