namespace MyXtts.Core.Speakers;

/// <summary>A same/different speaker decision: cosine similarity at or above the threshold means the same speaker.</summary>
public sealed record SpeakerVerification(double Cosine, double Threshold)
{
    /// <summary>True when <see cref="Cosine"/> ≥ <see cref="Threshold"/>.</summary>
    public bool SameSpeaker => Cosine >= Threshold;

    /// <summary>Compares two embeddings against <paramref name="threshold"/> (a cosine in [-1, 1]).</summary>
    public static SpeakerVerification Decide(ReadOnlySpan<float> a, ReadOnlySpan<float> b, double threshold)
    {
        if (!(threshold >= -1 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A cosine-similarity threshold must lie in [-1, 1].");
        return new SpeakerVerification(EmbeddingMath.Cosine(a, b), threshold);
    }
}
