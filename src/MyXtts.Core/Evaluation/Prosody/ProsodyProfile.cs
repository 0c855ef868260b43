using MyXtts.Core.Audio.Pitch;

namespace MyXtts.Core.Evaluation.Prosody;

/// <summary>Speaking rate and F0 statistics of one clip; NaN where there is nothing to measure.</summary>
/// <param name="SyllablesPerSecond">Articulation rate.</param>
/// <param name="F0MeanHz">Mean F0 of the voiced frames.</param>
/// <param name="F0RangeSemitones">Distance from the 5th to the 95th percentile of voiced F0, in semitones.</param>
public sealed record ProsodyProfile(double SyllablesPerSecond, double F0MeanHz, double F0RangeSemitones)
{
    /// <summary>The profile from a rate and a pitch track.</summary>
    public static ProsodyProfile From(double syllablesPerSecond, PitchTrack track)
    {
        var f0 = track.VoicedF0().Select(f => (double)f).Order().ToArray();
        if (f0.Length == 0) return new ProsodyProfile(syllablesPerSecond, double.NaN, double.NaN);
        return new ProsodyProfile(syllablesPerSecond, f0.Average(), 12 * Math.Log2(Percentile(f0, 0.95) / Percentile(f0, 0.05)));
    }

    /// <summary>Linear-interpolated percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position), high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
