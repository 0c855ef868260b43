namespace MyXtts.Core.Evaluation.Prosody;

/// <summary>
/// Seconds of speech in a clip, pauses excluded: 10 ms frames (25 ms window) whose level is within
/// <see cref="RangeDb"/> of the loudest frame. Syllables over this duration is the articulation rate.
/// </summary>
public static class SpeechActivity
{
    /// <summary>Frames quieter than the loudest by more than this are pauses.</summary>
    public const double RangeDb = 35;

    /// <summary>Active seconds of <paramref name="samples"/> at <paramref name="sampleRate"/>.</summary>
    public static double ActiveSeconds(ReadOnlySpan<float> samples, int sampleRate)
    {
        int hop = Math.Max(1, sampleRate / 100), window = Math.Max(hop, sampleRate * 25 / 1000);
        if (samples.Length < window) return 0;
        int frames = (samples.Length - window) / hop + 1;
        var power = new double[frames];
        for (int t = 0; t < frames; t++)
        {
            double sum = 0;
            foreach (var x in samples.Slice(t * hop, window)) sum += (double)x * x;
            power[t] = sum / window;
        }
        double peak = power.Max();
        if (peak <= 1e-10) return 0;
        double floor = peak * Math.Pow(10, -RangeDb / 10);
        return power.Count(p => p > floor) * (double)hop / sampleRate;
    }
}
