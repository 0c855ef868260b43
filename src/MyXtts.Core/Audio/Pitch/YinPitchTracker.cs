using System.Numerics;
using TorchSharp;

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
        int frames = _options.FrameCount(samples.Length);
        var f0 = new float[frames];
        var voiced = new bool[frames];
        var aperiodicity = new float[frames];
        if (frames == 0) return new PitchTrack(f0, voiced, aperiodicity, _options.SampleRate, _options.HopLength);
        var (difference, power) = DifferenceFunctions(samples, frames);
        double silencePower = Math.Pow(10, _options.SilenceDb / 10);
        var d = new double[_maxLag + 1];
        for (int t = 0; t < frames; t++)
        {
            Array.Copy(difference, (long)t * (_maxLag + 1), d, 0, _maxLag + 1);
            var (hz, dip) = Estimate(d);
            aperiodicity[t] = (float)dip;
            voiced[t] = power[t] > silencePower && dip < _options.VoicingThreshold;
            f0[t] = voiced[t] ? (float)hz : 0f;
        }
        return new PitchTrack(f0, voiced, aperiodicity, _options.SampleRate, _options.HopLength);
    }

    /// <summary>
    /// d_t(τ) = Σ_{j&lt;W} (x[j] − x[j+τ])² = E(0) + E(τ) − 2·r(τ) for every frame at once ([frames · (maxLag + 1)], row-major),
    /// with r by FFT cross-correlation and E by cumulative sums, in float64; and each frame's mean power over its
    /// centred window. Frame t's block of W + maxLag samples starts at its centre − (W + maxLag) / 2; outside the clip is zeros.
    /// </summary>
    private (double[] Difference, double[] Power) DifferenceFunctions(ReadOnlySpan<float> samples, int frames)
    {
        int window = _options.WindowLength, hop = _options.HopLength, span = window + _maxLag;
        int left = span / 2 - hop / 2;   // frame 0 is centred on hop / 2
        int fft = (int)BitOperations.RoundUpToPowerOf2((uint)(span + window));
        using var scope = torch.NewDisposeScope();
        var padded = torch.zeros((frames - 1L) * hop + span + Math.Max(0, -left), torch.float64);
        CopyInto(padded, samples, left);
        var blocks = padded.unfold(0, span, hop)[..frames];                                      // [F, span]
        var head = blocks[.., ..window];                                                          // [F, W]
        var r = torch.fft.irfft(torch.fft.rfft(head, fft).conj() * torch.fft.rfft(blocks, fft), fft)[.., ..(_maxLag + 1)];   // [F, maxLag+1]
        var cumulative = torch.nn.functional.pad(blocks.square().cumsum(1), [1, 0]);              // [F, span + 1]
        var energy = cumulative[.., window..(window + _maxLag + 1)] - cumulative[.., ..(_maxLag + 1)];   // E(τ), [F, maxLag+1]
        var d = (energy[.., ..1] + energy - 2 * r).clamp_min(0);
        int quarter = _maxLag / 2;
        var power = (cumulative[.., quarter + window] - cumulative[.., quarter]) / window;          // [F]
        return (d.contiguous().data<double>().ToArray(), power.contiguous().data<double>().ToArray());
    }

    private static void CopyInto(torch.Tensor padded, ReadOnlySpan<float> samples, int offset)
    {
        int skip = Math.Max(0, -offset), start = Math.Max(0, offset);
        int count = (int)Math.Min(samples.Length - skip, padded.shape[0] - start);
        if (count <= 0) return;
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = samples[skip + i];
        padded[start..(start + count)] = torch.tensor(values);
    }

    /// <summary>The F0 (Hz) and the normalised difference at the chosen period, from one frame's d(τ) (normalised in place).</summary>
    private (double Hz, double Dip) Estimate(double[] d)
    {
        // Cumulative mean normalised difference: d'(τ) = d(τ) · τ / Σ_{k≤τ} d(k); d'(0) = 1.
        double running = 0;
        d[0] = 1;
        for (int tau = 1; tau <= _maxLag; tau++)
        {
            running += d[tau];
            d[tau] = running > 0 ? d[tau] * tau / running : 1;
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

    /// <summary>The lag of the vertex of the parabola through d'(τ−1), d'(τ), d'(τ+1).</summary>
    private double Refine(double[] d, int tau)
    {
        if (tau <= 1 || tau >= _maxLag) return tau;
        double left = d[tau - 1], centre = d[tau], right = d[tau + 1];
        double curvature = left - 2 * centre + right;
        if (curvature <= 0) return tau;
        return tau + Math.Clamp(0.5 * (left - right) / curvature, -1, 1);
    }

    private static int ArgMin(double[] d, int from, int to)
    {
        int best = from;
        for (int i = from + 1; i <= to; i++)
            if (d[i] < d[best]) best = i;
        return best;
    }
}
