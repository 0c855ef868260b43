namespace MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;

/// <summary>
/// Channel width of the discriminators as a divisor of the published counts (1 = published: MPD 32…1024, MSD 128…1024).
/// Kernel sizes, strides and groups never change, so every divisor runs the same code; smaller ones train faster.
/// </summary>
public static class DiscriminatorWidth
{
    /// <summary>The divisors that keep every grouped MSD conv valid (128 / divisor a multiple of 16).</summary>
    public static IReadOnlyList<int> Valid { get; } = [1, 2, 4, 8];

    /// <summary>Published channel count <paramref name="published"/> divided by <paramref name="divisor"/>; 1 stays 1.</summary>
    public static long Scale(long published, int divisor) => published == 1 ? 1 : published / divisor;

    /// <summary>Throws naming the valid divisors when <paramref name="divisor"/> is not one of them.</summary>
    public static void Validate(int divisor)
    {
        if (!Valid.Contains(divisor))
            throw new ArgumentException(
                $"Discriminator channel divisor {divisor} is not supported; valid divisors are {string.Join(", ", Valid)} (1 = the published width).");
    }
}
