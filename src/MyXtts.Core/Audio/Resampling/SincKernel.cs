namespace MyXtts.Core.Audio.Resampling;

/// <summary>
/// The polyphase windowed-sinc kernel of torchaudio's <c>_get_sinc_resample_kernel</c>, computed in double:
/// one row per output phase, <c>2·width + orig</c> taps each, applied as a strided conv1d.
/// </summary>
internal static class SincKernel
{
    /// <summary>Returns the [newRate, 1, taps] kernel (row-major) and the zero padding <c>width</c>; rates are gcd-reduced.</summary>
    public static (double[] Weights, int Taps, int Width) Build(int orig, int @new, ResamplerOptions options)
    {
        double baseFreq = Math.Min(orig, @new) * options.Rolloff;
        int lw = options.LowpassFilterWidth;
        int width = (int)Math.Ceiling(lw * orig / baseFreq);
        int taps = 2 * width + orig;
        var weights = new double[@new * taps];
        double scale = baseFreq / orig;
        double i0Beta = options.Window == ResampleWindow.Kaiser ? BesselI0(options.KaiserBeta) : 1;
        for (int phase = 0; phase < @new; phase++)
        {
            for (int j = 0; j < taps; j++)
            {
                // Time of tap j relative to output sample `phase`, in units of the cut-off period, clamped to the window support.
                double t = (-(double)phase / @new + (double)(j - width) / orig) * baseFreq;
                t = Math.Clamp(t, -lw, lw);
                double window = options.Window == ResampleWindow.Hann
                    ? Math.Pow(Math.Cos(t * Math.PI / lw / 2), 2)
                    : BesselI0(options.KaiserBeta * Math.Sqrt(Math.Max(0, 1 - (t / lw) * (t / lw)))) / i0Beta;
                double x = t * Math.PI;
                double sinc = x == 0 ? 1 : Math.Sin(x) / x;
                weights[phase * taps + j] = sinc * window * scale;
            }
        }
        return (weights, taps, width);
    }

    /// <summary>Modified Bessel function of the first kind, order 0 (power series; converges for all real x).</summary>
    internal static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
