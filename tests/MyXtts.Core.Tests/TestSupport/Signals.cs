namespace MyXtts.Core.Tests.TestSupport;

/// <summary>Synthetic test signals with known properties.</summary>
public static class Signals
{
    /// <summary>amplitude · sin(2π f n / rate + phase), n = 0..count-1.</summary>
    public static float[] Sine(double frequency, int sampleRate, int count, double amplitude = 1.0, double phase = 0)
    {
        var x = new float[count];
        for (int n = 0; n < count; n++) x[n] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * n / sampleRate + phase));
        return x;
    }

    /// <summary>A harmonic tone: f0 and its multiples up to <paramref name="harmonics"/>, amplitudes 1/k, normalised to <paramref name="peak"/>.</summary>
    public static float[] Harmonic(double f0, int harmonics, int sampleRate, int count, double peak = 0.5)
    {
        var x = new double[count];
        for (int k = 1; k <= harmonics; k++)
            for (int n = 0; n < count; n++) x[n] += Math.Sin(2 * Math.PI * k * f0 * n / sampleRate + 0.3 * k) / k;
        double max = x.Max(Math.Abs);
        return x.Select(v => (float)(v / max * peak)).ToArray();
    }

    /// <summary>Amplitude of <paramref name="frequency"/> in <paramref name="x"/> by projection on sin and cos (exact for whole periods).</summary>
    public static double ToneAmplitude(ReadOnlySpan<float> x, double frequency, int sampleRate)
    {
        double s = 0, c = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double w = 2 * Math.PI * frequency * n / sampleRate;
            s += x[n] * Math.Sin(w);
            c += x[n] * Math.Cos(w);
        }
        return 2 * Math.Sqrt(s * s + c * c) / x.Length;
    }

    /// <summary>Root mean square.</summary>
    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x) sum += (double)v * v;
        return Math.Sqrt(sum / x.Length);
    }
}
