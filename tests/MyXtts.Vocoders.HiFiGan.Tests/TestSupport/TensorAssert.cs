using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.TestSupport;

/// <summary>Tolerance checks that report the shapes and the worst difference.</summary>
public static class TensorAssert
{
    /// <summary>Same shape and max |actual − expected| ≤ <paramref name="absolute"/> + <paramref name="relative"/> · max |expected|.</summary>
    public static void Close(Tensor expected, Tensor actual, double absolute, double relative = 0, string what = "tensor")
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        using var scope = NewDisposeScope();
        double diff = (actual.to(float64) - expected.to(float64)).abs().max().item<double>();
        double scale = expected.abs().max().item<float>();
        double limit = absolute + relative * scale;
        Assert.True(diff <= limit, $"{what}: max |diff| {diff:E3} exceeds {limit:E3} (max |expected| {scale:E3})");
    }

    /// <summary>Scores, feature maps and losses: the fixtures' max abs ≤ 1e-5 · max|ref| + 1e-7.</summary>
    public static void Parity(Tensor expected, Tensor actual, string what) => Close(expected, actual, 1e-7, 1e-5, what);

    /// <summary>Same shape and every element bit-identical.</summary>
    public static void Identical(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        using var scope = NewDisposeScope();
        Assert.True(expected.eq(actual).all().item<bool>(), $"{what}: values differ");
    }
}
