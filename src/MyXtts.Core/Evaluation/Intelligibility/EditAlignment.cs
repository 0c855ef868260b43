namespace MyXtts.Core.Evaluation.Intelligibility;

/// <summary>
/// The minimum-edit (Levenshtein) alignment of a hypothesis to a reference, with the edits counted by type.
/// Among alignments of equal cost, substitutions are preferred to an insertion plus a deletion (as sclite does).
/// </summary>
public sealed record EditAlignment(int Substitutions, int Deletions, int Insertions, int ReferenceLength)
{
    /// <summary>Substitutions + deletions + insertions.</summary>
    public int Errors => Substitutions + Deletions + Insertions;

    /// <summary>Errors / reference length (can exceed 1 when there are insertions); errors / 1 for an empty reference.</summary>
    public double Rate => (double)Errors / Math.Max(1, ReferenceLength);

    /// <summary>Aligns <paramref name="hypothesis"/> to <paramref name="reference"/>.</summary>
    public static EditAlignment Align<T>(IReadOnlyList<T> reference, IReadOnlyList<T> hypothesis) where T : IEquatable<T>
    {
        int n = reference.Count, m = hypothesis.Count;
        // cost[i, j] and the edit counts of one optimal path, row by row.
        var previous = new Cell[m + 1];
        var current = new Cell[m + 1];
        for (int j = 0; j <= m; j++) previous[j] = new Cell(j, 0, 0, j);
        for (int i = 1; i <= n; i++)
        {
            current[0] = new Cell(i, 0, i, 0);
            for (int j = 1; j <= m; j++)
            {
                var diagonal = previous[j - 1];
                bool same = reference[i - 1].Equals(hypothesis[j - 1]);
                var best = same ? diagonal : diagonal with { Cost = diagonal.Cost + 1, Subs = diagonal.Subs + 1 };
                var up = previous[j];          // reference token left unmatched: deletion
                if (up.Cost + 1 < best.Cost) best = up with { Cost = up.Cost + 1, Dels = up.Dels + 1 };
                var left = current[j - 1];     // hypothesis token unmatched: insertion
                if (left.Cost + 1 < best.Cost) best = left with { Cost = left.Cost + 1, Ins = left.Ins + 1 };
                current[j] = best;
            }
            (previous, current) = (current, previous);
        }
        var end = previous[m];
        return new EditAlignment(end.Subs, end.Dels, end.Ins, n);
    }

    private readonly record struct Cell(int Cost, int Subs, int Dels, int Ins);
}
