namespace MyXtts.Core.Evaluation.Speaker;

/// <summary>Vector helpers for speaker embeddings.</summary>
public static class EmbeddingMath
{
    /// <summary>Cosine similarity in [-1, 1]; 0 when either vector is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Embeddings of different sizes ({a.Length} and {b.Length}) cannot be compared.");
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>A copy scaled to unit length (all zeros stays all zeros).</summary>
    public static float[] Normalize(ReadOnlySpan<float> v)
    {
        double norm = 0;
        foreach (var x in v) norm += (double)x * x;
        norm = Math.Sqrt(norm);
        var result = new float[v.Length];
        for (int i = 0; i < v.Length; i++) result[i] = norm == 0 ? 0 : (float)(v[i] / norm);
        return result;
    }

    /// <summary>The unit-length mean of the unit-length vectors.</summary>
    public static float[] Centroid(IEnumerable<float[]> vectors)
    {
        double[]? sum = null;
        foreach (var v in vectors)
        {
            sum ??= new double[v.Length];
            var unit = Normalize(v);
            for (int i = 0; i < unit.Length; i++) sum[i] += unit[i];
        }
        if (sum is null) throw new ArgumentException("A centroid needs at least one embedding.", nameof(vectors));
        return Normalize(sum.Select(x => (float)x).ToArray());
    }
}
