using MyXtts.Core.Audio.Wav;

namespace MyXtts.Host.Tests.Speakers;

/// <summary>Writes the test's own clips: harmonic tones and seeded noise, at any rate, as 16-bit WAV files.</summary>
internal static class TestClips
{
    /// <summary>A harmonic tone (f0 and 7 overtones, 1/k amplitudes) with a slow vibrato, peak 0.5.</summary>
    public static string Tone(string folder, string name, double f0, double seconds = 1.5, int sampleRate = 16000)
    {
        var samples = new float[(int)(seconds * sampleRate)];
        for (int n = 0; n < samples.Length; n++)
        {
            double t = (double)n / sampleRate, phase = 2 * Math.PI * f0 * (t + 0.002 * Math.Sin(2 * Math.PI * 5 * t));
            double sum = 0;
            for (int k = 1; k <= 8; k++) sum += Math.Sin(k * phase) / k;
            samples[n] = (float)(0.28 * sum);
        }
        return Write(folder, name, samples, sampleRate);
    }

    /// <summary>Uniform white noise in ±<paramref name="amplitude"/> from a fixed seed.</summary>
    public static string Noise(string folder, string name, int seed, double seconds = 1.5, int sampleRate = 16000, double amplitude = 0.3)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * sampleRate)];
        for (int n = 0; n < samples.Length; n++) samples[n] = (float)((random.NextDouble() * 2 - 1) * amplitude);
        return Write(folder, name, samples, sampleRate);
    }

    /// <summary>A byte-identical copy of <paramref name="path"/> under another name.</summary>
    public static string Copy(string path, string name)
    {
        var copy = Path.Combine(Path.GetDirectoryName(path)!, name);
        File.Copy(path, copy);
        return copy;
    }

    private static string Write(string folder, string name, float[] samples, int sampleRate)
    {
        var path = Path.Combine(folder, name);
        WavWriter.Write(path, samples, sampleRate);
        return path;
    }
}
