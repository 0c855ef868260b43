using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Audio.Resampling;
using static TorchSharp.torch;

namespace MyXtts.Core.Evaluation.Speaker;

/// <summary>
/// Cosine similarity of speaker embeddings: <c>cos_output_reference</c> (did the output take the prompt's voice?),
/// <c>cos_output_ground_truth</c> and <c>cos_ground_truth_reference</c> (two real clips of the speaker: the ceiling
/// to read the others against), the last two when the line has a ground truth. Embeddings come from the run's
/// speaker encoder, or from <see cref="MfccStatisticsEmbedding"/> when none is selected; the <c>embedding</c> text of
/// every result says which. Closest-voice identification over the dataset's voices needs the whole set: see
/// <see cref="VoiceIdentification"/>, fed with <see cref="Embed"/>.
/// </summary>
[Plugin("speaker_similarity",
    Summary = "Cosine of speaker embeddings: output vs reference and vs ground truth (selected encoder, else MFCC statistics)")]
public sealed class SpeakerSimilarityMetric : IEvaluationMetric, IDisposable
{
    private readonly ISpeakerEncoder? _encoder;
    private readonly MfccStatisticsEmbedding? _fallback;
    private readonly SincResampler _resampler = new();
    private readonly string _embeddingName;

    /// <summary>Embeds with the run's speaker encoder.</summary>
    public SpeakerSimilarityMetric(ISpeakerEncoder encoder)
    {
        _encoder = encoder;
        _embeddingName = encoder.GetType().Name;
    }

    /// <summary>Embeds with the weights-free <see cref="MfccStatisticsEmbedding"/>.</summary>
    public SpeakerSimilarityMetric()
    {
        _fallback = new MfccStatisticsEmbedding();
        _embeddingName = MfccStatisticsEmbedding.Name;
    }

    /// <summary>The speaker embedding of <paramref name="clip"/> with this metric's embedder.</summary>
    public float[] Embed(AudioClip clip)
    {
        if (_fallback is not null) return _fallback.Embed(clip.Samples, clip.SampleRate);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var samples = _resampler.Resample(clip.Samples, clip.SampleRate, _encoder!.SampleRate);
        var embedding = _encoder.Embed(tensor(samples).unsqueeze(0), tensor(new long[] { samples.Length }));
        return embedding[0].to(ScalarType.Float32).cpu().data<float>().ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricResult> Evaluate(IReadOnlyList<EvaluationUtterance> utterances) => utterances.Select(Measure).ToArray();

    private MetricResult Measure(EvaluationUtterance utterance)
    {
        float[] output = Embed(utterance.Output), reference = Embed(utterance.Reference);
        var values = new Dictionary<string, double> { ["cos_output_reference"] = EmbeddingMath.Cosine(output, reference) };
        if (utterance.GroundTruth is { } truth)
        {
            var groundTruth = Embed(truth);
            values["cos_output_ground_truth"] = EmbeddingMath.Cosine(output, groundTruth);
            values["cos_ground_truth_reference"] = EmbeddingMath.Cosine(groundTruth, reference);
        }
        return MetricResult.Of(values) with { Texts = new Dictionary<string, string> { ["embedding"] = _embeddingName } };
    }

    /// <summary>Frees the fallback embedding and resampler (the run owns the encoder).</summary>
    public void Dispose()
    {
        _fallback?.Dispose();
        _resampler.Dispose();
    }
}
