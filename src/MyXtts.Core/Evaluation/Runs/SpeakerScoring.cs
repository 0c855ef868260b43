using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Speaker;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// Speaker similarity and closest-voice identification. Embeddings come from the selected speaker encoder, or from the
/// weights-free MFCC statistics, which (as in <c>spk-sim-baseline.py</c>) are z-scored per dimension first, with the
/// mean and spread of the enrollment clips: raw MFCC means are dominated by a few coefficients that every voice shares.
/// Voice centroids are built from the enrollment clips (a few per speaker of the reference pool); each output is
/// identified as the closest centroid, and so is each ground-truth recording, which gives the ceiling: on the flite
/// sample voices tempo twins have one timbre, so even the recordings of one twin are often taken for the other.
/// </summary>
public static class SpeakerScoring
{
    /// <summary>Group names.</summary>
    public const string Similarity = "speaker_similarity", Identification = "voice_identification";

    /// <summary>The two groups for <paramref name="lines"/>, given the enrollment clips and their speakers.</summary>
    public static IReadOnlyList<MetricGroup> Measure(SpeakerSimilarityMetric embedder, bool standardize, string embeddingName,
        IReadOnlyList<ProducedLine> lines, IReadOnlyList<(string Speaker, AudioClip Clip)> enrollment)
    {
        var enrolled = enrollment.Select(e => embedder.Embed(e.Clip)).ToArray();
        var scale = standardize ? Standardizer.Fit(enrolled) : Standardizer.Identity;
        float[] Embed(AudioClip clip) => scale.Apply(embedder.Embed(clip));

        var outputs = lines.Select(l => Embed(l.Output)).ToArray();
        var truths = lines.Select(l => Embed(l.GroundTruth)).ToArray();
        var references = lines.Select(l => Embed(l.Reference)).ToArray();
        var perLine = lines.Select((_, i) => MetricResult.Of(new Dictionary<string, double>
        {
            ["cos_output_reference"] = EmbeddingMath.Cosine(outputs[i], references[i]),
            ["cos_output_ground_truth"] = EmbeddingMath.Cosine(outputs[i], truths[i]),
            ["cos_ground_truth_reference"] = EmbeddingMath.Cosine(truths[i], references[i]),
        }) with { Texts = new Dictionary<string, string> { ["embedding"] = embeddingName } }).ToArray();
        var similarity = new MetricGroup(Similarity, $"Cosine of speaker embeddings ({embeddingName}); ground truth vs reference is the ceiling",
            MetricSummary.Summarize(embedder, perLine), perLine);
        return [similarity, IdentificationGroup(enrollment, scale.ApplyAll(enrolled), lines, outputs, truths, embeddingName)];
    }

    private static MetricGroup IdentificationGroup(IReadOnlyList<(string Speaker, AudioClip Clip)> enrollment, float[][] enrolled,
        IReadOnlyList<ProducedLine> lines, float[][] outputs, float[][] truths, string embeddingName)
    {
        const string description = "Closest voice centroid among the dataset's voices; ground_truth_accuracy is the ceiling";
        if (enrollment.Count == 0 || lines.Count == 0)
            return new MetricGroup(Identification, description, MetricResult.Unavailable("There are no enrollment clips to build voice centroids from."));
        var centroids = VoiceIdentification.Centroids(enrolled, enrollment.Select(e => e.Speaker).ToArray());
        var speakers = lines.Select(l => l.Line.Speaker).ToArray();
        var output = VoiceIdentification.Measure(outputs, speakers, centroids);
        var truth = VoiceIdentification.Measure(truths, speakers, centroids);
        var summary = MetricResult.Of(new Dictionary<string, double>
        {
            ["accuracy"] = output.Accuracy, ["ground_truth_accuracy"] = truth.Accuracy,
            ["chance"] = 1.0 / centroids.Count, ["voices"] = centroids.Count, ["clips"] = output.Clips,
        }) with { Texts = new Dictionary<string, string> { ["embedding"] = embeddingName } };
        var perLine = lines.Select((_, i) => MetricResult.Of(new Dictionary<string, double>
        {
            ["output_correct"] = VoiceIdentification.Closest(outputs[i], centroids) == speakers[i] ? 1 : 0,
            ["ground_truth_correct"] = VoiceIdentification.Closest(truths[i], centroids) == speakers[i] ? 1 : 0,
        }) with { Texts = new Dictionary<string, string> { ["identified_as"] = VoiceIdentification.Closest(outputs[i], centroids) } }).ToArray();
        return new MetricGroup(Identification, description, summary, perLine);
    }
}

/// <summary>Per-dimension z-scoring fitted on a set of embeddings.</summary>
public sealed record Standardizer(float[]? Mean, float[]? Scale)
{
    /// <summary>Leaves embeddings as they are.</summary>
    public static Standardizer Identity { get; } = new(null, null);

    /// <summary>Mean and 1 / standard deviation of each dimension of <paramref name="embeddings"/> (a constant dimension is only centred).</summary>
    public static Standardizer Fit(IReadOnlyList<float[]> embeddings)
    {
        if (embeddings.Count == 0) return Identity;
        var dim = embeddings[0].Length;
        var mean = new float[dim];
        var scale = new float[dim];
        for (var k = 0; k < dim; k++)
        {
            double m = embeddings.Average(e => (double)e[k]);
            double sd = Math.Sqrt(embeddings.Average(e => (e[k] - m) * (e[k] - m)));
            mean[k] = (float)m;
            scale[k] = sd > 1e-9 ? (float)(1 / sd) : 1f;
        }
        return new Standardizer(mean, scale);
    }

    /// <summary>The standardised copy of <paramref name="embedding"/>.</summary>
    public float[] Apply(float[] embedding) =>
        Mean is null || Scale is null ? embedding : embedding.Select((x, k) => (x - Mean[k]) * Scale[k]).ToArray();

    /// <summary>Each of <paramref name="embeddings"/> standardised.</summary>
    public float[][] ApplyAll(IEnumerable<float[]> embeddings) => embeddings.Select(Apply).ToArray();
}
