using System.Numerics;

namespace MyXtts.Core.Audio.Pitch;

/// <summary>
/// YIN F0 estimation (de Cheveigné &amp; Kawahara 2002): difference function, cumulative mean normalisation, the
/// first dip below an absolute threshold (followed to its local minimum), parabolic interpolation of the period.
/// Frame t is centred on sample t·hop + hop/2, the centre of mel frame t of <see cref="Mel.MelSpectrogram"/>, and the
/// frame count equals the mel's, so the track can serve as a per-frame pitch target. Samples outside the clip are zeros.
/// </summary>
public sealed class YinPitchTracker
{
    private readonly YinOptions _options;
    private readonly int _minLag, _maxLag;

    /// <summary>Creates a tracker for <paramref name="options"/>.</summary>
    public YinPitchTracker(YinOptions? options = null)
    {
        _options = options ?? new YinOptions();
        _options.Validate();
        _minLag = Math.Max(2, (int)Math.Floor(_options.SampleRate / _options.FMax));
        _maxLag = (int)Math.Ceiling(_options.SampleRate / _options.FMin);
    }

    /// <summary>The settings.</summary>
    public YinOptions Options => _options;

    /// <summary>Tracks <paramref name="samples"/> (mono, at <see cref="YinOptions.SampleRate"/>).</summary>
    public PitchTrack Track(ReadOnlySpan<float> samples)
    {
        int frames = _options.FrameCount(samples.Length), window = _options.WindowLength;
        var f0 = new float[frames];
        var voiced = new bool[frames];
        var aperiodicity = new float[frames];
        var block = new float[window + _maxLag + 1];
        var difference = new float[_maxLag + 1];
        double silencePower = Math.Pow(10, _options.SilenceDb / 10);
        for (int t = 0; t < frames; t++)
        {
            long centre = (long)t * _options.HopLength + _options.HopLength / 2;
            Fill(block, samples, centre - (window + _maxLag) / 2);
            var (hz, dip) = Estimate(block, difference);
            bool loud = Power(block.AsSpan(_maxLag / 2, window)) > silencePower;
            aperiodicity[t] = (float)dip;
            voiced[t] = loud && dip < _options.VoicingThreshold;
            f0[t] = voiced[t] ? (float)hz : 0f;
        }
        return new PitchTrack(f0, voiced, aperiodicity, _options.SampleRate, _options.HopLength);
    }

    /// <summary>The F0 (Hz) and the normalised difference at the chosen period, for one analysis block.</summary>
    private (double Hz, double Dip) Estimate(float[] block, float[] d)
    {
        int window = _options.WindowLength;
        DifferenceFunction(block, window, d);
        // Cumulative mean normalised difference, in place: d'(τ) = d(τ) · τ / Σ_{k≤τ} d(k); d'(0) = 1.
        double running = 0;
        d[0] = 1;
        for (int tau = 1; tau <= _maxLag; tau++)
        {
            running += d[tau];
            d[tau] = running > 0 ? (float)(d[tau] * tau / running) : 1f;
        }
        int best = -1;
        for (int tau = _minLag; tau <= _maxLag; tau++)
        {
            if (d[tau] >= _options.Threshold) continue;
            while (tau + 1 <= _maxLag && d[tau + 1] < d[tau]) tau++;
            best = tau;
            break;
        }
        if (best < 0) best = ArgMin(d, _minLag, _maxLag);   // no dip below threshold: the best guess, judged by VoicingThreshold
        return (_options.SampleRate / Refine(d, best), d[best]);
    }

    /// <summary>d(τ) = Σ_{j&lt;W} (x[j] − x[j+τ])² = E(0) + E(τ) − 2·r(τ), with the energies E as running sums.</summary>
    private void DifferenceFunction(float[] x, int window, float[] d)
    {
        var head = x.AsSpan(0, window);
        double e0 = Dot(head, head), eTau = e0;
        d[0] = 0;
        for (int tau = 1; tau <= _maxLag; tau++)
        {
            eTau += (double)x[tau + window - 1] * x[tau + window - 1] - (double)x[tau - 1] * x[tau - 1];
            d[tau] = (float)Math.Max(0, e0 + eTau - 2 * Dot(head, x.AsSpan(tau, window)));
        }
    }

    /// <summary>The lag of the vertex of the parabola through d'(τ−1), d'(τ), d'(τ+1).</summary>
    private double Refine(float[] d, int tau)
    {
        if (tau <= 1 || tau >= _maxLag) return tau;
        double left = d[tau - 1], centre = d[tau], right = d[tau + 1];
        double curvature = left - 2 * centre + right;
        if (curvature <= 0) return tau;
        return tau + Math.Clamp(0.5 * (left - right) / curvature, -1, 1);
    }

    private static int ArgMin(float[] d, int from, int to)
    {
        int best = from;
        for (int i = from + 1; i <= to; i++)
            if (d[i] < d[best]) best = i;
        return best;
    }

    private static void Fill(float[] block, ReadOnlySpan<float> samples, long start)
    {
        for (int i = 0; i < block.Length; i++)
        {
            long n = start + i;
            block[i] = n >= 0 && n < samples.Length ? samples[(int)n] : 0f;
        }
    }

    private static double Power(ReadOnlySpan<float> x) => Dot(x, x) / x.Length;

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        int i = 0, width = Vector<float>.Count;
        for (; i <= a.Length - width; i += width) sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        double total = Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }
}
