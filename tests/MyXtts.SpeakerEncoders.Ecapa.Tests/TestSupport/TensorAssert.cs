using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Ecapa.Tests.TestSupport;

/// <summary>Tolerance comparisons that report the largest difference.</summary>
public static class TensorAssert
{
    /// <summary>Same shape and max |expected − actual| ≤ <paramref name="tolerance"/>.</summary>
    public static void Close(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var diff = (expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max();
        double max = diff.item<double>();
        Assert.True(max <= tolerance, $"{what}: max |diff| = {max:g4} > {tolerance:g4}");
    }

    /// <summary>Max |diff| ≤ <paramref name="relative"/> × max |expected| (the fixture README's rule for embeddings and intermediates).</summary>
    public static void CloseRelative(Tensor expected, Tensor actual, double relative, string what)
    {
        using var peak = expected.abs().max();
        Close(expected, actual, relative * peak.item<float>(), what);
    }
}
