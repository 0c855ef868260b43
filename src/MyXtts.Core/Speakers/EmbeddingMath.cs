namespace MyXtts.Core.Speakers;

/// <summary>Norms and cosine similarities of speaker embeddings, in float64.</summary>
public static class EmbeddingMath
{
    /// <summary>The Euclidean (L2) norm.</summary>
    public static double Norm(ReadOnlySpan<float> embedding)
    {
        double sum = 0;
        foreach (var v in embedding) sum += (double)v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>The embedding scaled to unit length. A zero vector has no direction and is rejected.</summary>
    public static double[] Normalize(ReadOnlySpan<float> embedding)
    {
        double norm = Norm(embedding);
        if (!(norm > 0) || double.IsInfinity(norm))
            throw new ArgumentException($"Cannot normalise an embedding whose norm is {norm}: its cosine similarity is undefined.", nameof(embedding));
        var unit = new double[embedding.Length];
        for (int i = 0; i < unit.Length; i++) unit[i] = embedding[i] / norm;
        return unit;
    }

    /// <summary>Cosine similarity of two embeddings of the same size.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Dot(Normalize(a), Normalize(b));

    /// <summary>The symmetric matrix of pairwise cosine similarities (1 on the diagonal).</summary>
    public static double[,] CosineMatrix(IReadOnlyList<float[]> embeddings)
    {
        var units = embeddings.Select(e => Normalize(e)).ToArray();
        if (units.Select(u => u.Length).Distinct().Count() > 1)
            throw new ArgumentException("All embeddings must have the same size.", nameof(embeddings));
        var matrix = new double[units.Length, units.Length];
        for (int i = 0; i < units.Length; i++)
        {
            matrix[i, i] = 1.0;
            for (int j = i + 1; j < units.Length; j++) matrix[i, j] = matrix[j, i] = Dot(units[i], units[j]);
        }
        return matrix;
    }

    private static double Dot(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Embeddings of different sizes ({a.Length} and {b.Length}) cannot be compared.");
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return Math.Clamp(sum, -1.0, 1.0);
    }
}
