namespace MyXtts.Core.Evaluation.Speaker;

/// <summary>The share of clips whose closest voice centroid (by cosine) is their own speaker's.</summary>
/// <param name="Accuracy">Correct / clips; NaN when no clip could be scored.</param>
/// <param name="Clips">Clips scored.</param>
/// <param name="Voices">Candidate voices.</param>
public sealed record VoiceIdentification(double Accuracy, int Clips, int Voices)
{
    /// <summary>Unit-length centroid per label of <paramref name="embeddings"/>.</summary>
    public static Dictionary<string, float[]> Centroids(IReadOnlyList<float[]> embeddings, IReadOnlyList<string> labels)
    {
        CheckSameCount(embeddings, labels);
        return labels.Select((label, i) => (label, i)).GroupBy(x => x.label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => EmbeddingMath.Centroid(g.Select(x => embeddings[x.i])), StringComparer.Ordinal);
    }

    /// <summary>
    /// Identifies each of <paramref name="embeddings"/> (e.g. of synthesized clips) as the closest of <paramref name="centroids"/>
    /// (e.g. of the dataset's ground-truth clips) and scores it against <paramref name="labels"/> (the intended speakers).
    /// </summary>
    public static VoiceIdentification Measure(IReadOnlyList<float[]> embeddings, IReadOnlyList<string> labels,
        IReadOnlyDictionary<string, float[]> centroids)
    {
        CheckSameCount(embeddings, labels);
        if (centroids.Count == 0) throw new ArgumentException("Identification needs at least one voice centroid.", nameof(centroids));
        int correct = labels.Where((label, i) => Closest(embeddings[i], centroids) == label).Count();
        return new VoiceIdentification(labels.Count == 0 ? double.NaN : (double)correct / labels.Count, labels.Count, centroids.Count);
    }

    /// <summary>
    /// The ceiling: each ground-truth clip identified against centroids built from all the other clips (its own left
    /// out, so it is not compared with itself). Clips whose speaker has no other clip are not scored.
    /// </summary>
    public static VoiceIdentification LeaveOneOut(IReadOnlyList<float[]> embeddings, IReadOnlyList<string> labels)
    {
        CheckSameCount(embeddings, labels);
        var units = embeddings.Select(e => EmbeddingMath.Normalize(e)).ToArray();
        var sums = new Dictionary<string, (double[] Sum, int Count)>(StringComparer.Ordinal);
        for (int i = 0; i < units.Length; i++)
        {
            var (sum, count) = sums.TryGetValue(labels[i], out var s) ? s : (new double[units[i].Length], 0);
            for (int k = 0; k < sum.Length; k++) sum[k] += units[i][k];
            sums[labels[i]] = (sum, count + 1);
        }
        int scored = 0, correct = 0;
        for (int i = 0; i < units.Length; i++)
        {
            if (sums[labels[i]].Count < 2) continue;
            var centroids = sums.ToDictionary(s => s.Key,
                s => s.Key == labels[i] ? s.Value.Sum.Select((x, k) => (float)(x - units[i][k])).ToArray() : s.Value.Sum.Select(x => (float)x).ToArray());
            scored++;
            if (Closest(units[i], centroids) == labels[i]) correct++;
        }
        return new VoiceIdentification(scored == 0 ? double.NaN : (double)correct / scored, scored, sums.Count);
    }

    /// <summary>The label of the centroid with the highest cosine to <paramref name="embedding"/>.</summary>
    public static string Closest(float[] embedding, IReadOnlyDictionary<string, float[]> centroids) =>
        centroids.MaxBy(c => EmbeddingMath.Cosine(embedding, c.Value)).Key;

    private static void CheckSameCount(IReadOnlyList<float[]> embeddings, IReadOnlyList<string> labels)
    {
        if (embeddings.Count != labels.Count)
            throw new ArgumentException($"{embeddings.Count} embeddings but {labels.Count} labels; give one label per embedding.");
    }
}
