namespace MyXtts.Core.Audio.Processing;

/// <summary>
/// The ITU-R BS.1770 K-weighting (a +4 dB high shelf modelling the head, then a ~38 Hz high-pass), designed for any
/// sample rate from the analogue prototype parameters (as pyloudnorm does); at 48 kHz it reproduces the standard's
/// tabulated coefficients.
/// </summary>
internal static class KWeighting
{
    private const double ShelfGainDb = 3.999843853973347, ShelfQ = 0.7071752369554196, ShelfHz = 1681.974450955533;
    private const double HighPassQ = 0.5003270373238773, HighPassHz = 38.13547087602444;

    /// <summary>The K-weighted copy of <paramref name="samples"/>.</summary>
    public static double[] Apply(ReadOnlySpan<float> samples, int sampleRate)
    {
        var x = new double[samples.Length];
        for (int i = 0; i < x.Length; i++) x[i] = samples[i];
        HighShelf(sampleRate).Apply(x);
        HighPass(sampleRate).Apply(x);
        return x;
    }

    private static Biquad HighShelf(int rate)
    {
        double a = Math.Pow(10, ShelfGainDb / 40), w0 = 2 * Math.PI * ShelfHz / rate;
        double alpha = Math.Sin(w0) / (2 * ShelfQ), cos = Math.Cos(w0), root = 2 * Math.Sqrt(a) * alpha;
        return Biquad.FromRaw(
            a * ((a + 1) + (a - 1) * cos + root), -2 * a * ((a - 1) + (a + 1) * cos), a * ((a + 1) + (a - 1) * cos - root),
            (a + 1) - (a - 1) * cos + root, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - root);
    }

    private static Biquad HighPass(int rate)
    {
        double w0 = 2 * Math.PI * HighPassHz / rate, alpha = Math.Sin(w0) / (2 * HighPassQ), cos = Math.Cos(w0);
        return Biquad.FromRaw((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }
}
