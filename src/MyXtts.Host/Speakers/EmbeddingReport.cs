using MyXtts.Core.Speakers;

namespace MyXtts.Host.Speakers;

/// <summary>One embedded clip: its display name, the decoded clip, the encoder's embedding and where it was saved.</summary>
public sealed record EmbeddedClip(string Name, SpeakerClip Clip, float[] Embedding, string? NpyPath)
{
    /// <summary>L2 norm of the embedding as the encoder returned it.</summary>
    public double Norm => EmbeddingMath.Norm(Embedding);
}

/// <summary>What <c>myxtts embed</c> found: the encoder, each clip's embedding, the cosine matrix and an optional verification.</summary>
public sealed record EmbeddingReport(
    string Encoder, string Checkpoint, int SampleRate, int EmbeddingDim, IReadOnlyList<EmbeddedClip> Clips, double[,] Cosine,
    SpeakerVerification? Verification = null, VerificationThreshold? Threshold = null);
