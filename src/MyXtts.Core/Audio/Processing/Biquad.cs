namespace MyXtts.Core.Audio.Processing;

/// <summary>A second-order IIR section (normalised so a0 = 1), run in double precision, transposed direct form II.</summary>
internal sealed record Biquad(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>Builds from un-normalised coefficients.</summary>
    public static Biquad FromRaw(double b0, double b1, double b2, double a0, double a1, double a2) =>
        new(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);

    /// <summary>Filters <paramref name="x"/> in place, starting from rest.</summary>
    public void Apply(Span<double> x)
    {
        double z1 = 0, z2 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double input = x[i], output = B0 * input + z1;
            z1 = B1 * input - A1 * output + z2;
            z2 = B2 * input - A2 * output;
            x[i] = output;
        }
    }
}
