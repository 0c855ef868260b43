using MyXtts.Core.Audio.Pitch;

namespace MyXtts.Core.Evaluation.Signal;

/// <summary>F0 error between two pitch tracks over aligned frame pairs.</summary>
/// <param name="RmseHz">RMS of the F0 difference in Hz over pairs voiced in both; NaN when there are none.</param>
/// <param name="RmseCents">RMS of 1200·log2(f/f') over the same pairs; NaN when there are none.</param>
/// <param name="VoicingErrorRate">Fraction of pairs whose voiced flags differ.</param>
/// <param name="BothVoicedPairs">Pairs voiced in both tracks (the support of the RMSEs).</param>
public sealed record PitchErrors(double RmseHz, double RmseCents, double VoicingErrorRate, int BothVoicedPairs)
{
    /// <summary>Compares <paramref name="a"/> and <paramref name="b"/> on <paramref name="path"/> (e.g. the MCD's DTW path).</summary>
    public static PitchErrors Compare(PitchTrack a, PitchTrack b, IReadOnlyList<(int A, int B)> path)
    {
        double squaredHz = 0, squaredCents = 0;
        int both = 0, mismatched = 0, pairs = 0;
        foreach (var (i, j) in path)
        {
            if (i >= a.Frames || j >= b.Frames) continue;
            pairs++;
            if (a.Voiced[i] != b.Voiced[j]) mismatched++;
            if (!a.Voiced[i] || !b.Voiced[j]) continue;
            both++;
            double diff = a.F0[i] - b.F0[j], cents = 1200 * Math.Log2(a.F0[i] / (double)b.F0[j]);
            squaredHz += diff * diff;
            squaredCents += cents * cents;
        }
        return new PitchErrors(both > 0 ? Math.Sqrt(squaredHz / both) : double.NaN, both > 0 ? Math.Sqrt(squaredCents / both) : double.NaN,
            pairs > 0 ? (double)mismatched / pairs : double.NaN, both);
    }

    /// <summary>Frame pairs (t, t) for t below the shorter length: alignment by position, for same-length tracks.</summary>
    public static IReadOnlyList<(int A, int B)> LengthAligned(int framesA, int framesB) =>
        Enumerable.Range(0, Math.Min(framesA, framesB)).Select(t => (t, t)).ToArray();
}
