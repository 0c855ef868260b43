using MyXtts.Core.Evaluation.Runs;

namespace MyXtts.Core.Tests.Evaluation.Runs;

public sealed class StandardizerTests
{
    [Fact]
    public void Standardizing_centres_each_dimension_and_scales_it_to_unit_spread_and_leaves_constant_dimensions_unscaled()
    {
        var scale = Standardizer.Fit([[1f, 10f, 5f], [3f, 30f, 5f]]);

        Assert.Equal([-1f, -1f, 0f], scale.Apply([1f, 10f, 5f]));
        Assert.Equal([1f, 1f, 0f], scale.Apply([3f, 30f, 5f]));
        Assert.Equal([2f, 3f], Standardizer.Identity.Apply([2f, 3f]));
    }
}
