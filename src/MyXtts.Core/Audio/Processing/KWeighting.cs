namespace MyXtts.Core.Audio.Processing;

/// <summary>
/// The ITU-R BS.1770 K-weighting (a +4 dB high shelf modelling the head, then a ~38 Hz high-pass), designed for any
/// sample rate from the analogue prototype with the bilinear transform as libebur128 does; at 48 kHz this reproduces the
/// standard's tabulated coefficients to 1e-15. (pyloudnorm's RBJ-cookbook shelf does not: it is 0.25 dB low at 1 kHz.)
/// </summary>
internal static class KWeighting
{
    private const double ShelfGainDb = 3.999843853973347, ShelfQ = 0.7071752369554196, ShelfHz = 1681.974450955533;
    private const double ShelfBandExponent = 0.4996667741545416;
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
        double k = Math.Tan(Math.PI * ShelfHz / rate), vh = Math.Pow(10, ShelfGainDb / 20), vb = Math.Pow(vh, ShelfBandExponent);
        return Biquad.FromRaw(vh + vb * k / ShelfQ + k * k, 2 * (k * k - vh), vh - vb * k / ShelfQ + k * k,
            1 + k / ShelfQ + k * k, 2 * (k * k - 1), 1 - k / ShelfQ + k * k);
    }

    private static Biquad HighPass(int rate)
    {
        double k = Math.Tan(Math.PI * HighPassHz / rate);
        return Biquad.FromRaw(1, -2, 1, 1 + k / HighPassQ + k * k, 2 * (k * k - 1), 1 - k / HighPassQ + k * k) with { B0 = 1, B1 = -2, B2 = 1 };
    }
}
