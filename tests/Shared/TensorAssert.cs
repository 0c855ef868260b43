using TorchSharp;

namespace MyXtts.Tests.Shared;

/// <summary>Shape-and-value comparisons that report the worst element.</summary>
public static class TensorAssert
{
    /// <summary>Equal shapes and max |actual − expected| ≤ <paramref name="tolerance"/>.</summary>
    public static void Close(torch.Tensor expected, torch.Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var diff = (actual.detach().cpu().to(torch.ScalarType.Float64) - expected.to(torch.ScalarType.Float64)).abs();
        double worst = diff.max().item<double>();
        Assert.True(worst <= tolerance, $"{what}: max |diff| {worst:E3} exceeds {tolerance:E3}.");
    }

    /// <summary>Max |diff| ≤ <paramref name="relative"/> × max |expected| (+ <paramref name="floor"/>).</summary>
    public static void CloseRelative(torch.Tensor expected, torch.Tensor actual, double relative, string what, double floor = 1e-9)
    {
        using var scale = expected.abs().max();
        Close(expected, actual, relative * scale.item<float>() + floor, what);
    }
}
