using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Evaluation.Speaker;
using MyXtts.Core.Tests.TestSupport;
using NSubstitute;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Evaluation;

public class SpeakerMetricsTests
{
    [Fact]
    public void Cosine_is_one_for_parallel_zero_for_orthogonal_and_minus_one_for_opposite_vectors()
    {
        Assert.Equal(1, EmbeddingMath.Cosine([1, 2], [2, 4]), 12);
        Assert.Equal(0, EmbeddingMath.Cosine([1, 0], [0, 3]), 12);
        Assert.Equal(-1, EmbeddingMath.Cosine([1, 1], [-1, -1]), 12);
    }

    [Fact]
    public void Each_clip_is_identified_as_the_voice_whose_centroid_is_closest()
    {
        var centroids = VoiceIdentification.Centroids([[1, 0], [0.9f, 0.1f], [0, 1]], ["ann", "ann", "bob"]);
        var result = VoiceIdentification.Measure([[1, 0.2f], [0.2f, 1], [0.8f, 0.3f]], ["ann", "bob", "bob"], centroids);
        Assert.Equal(2.0 / 3, result.Accuracy, 12);
        Assert.Equal((3, 2), (result.Clips, result.Voices));
    }

    [Fact]
    public void The_ground_truth_ceiling_leaves_each_clip_out_of_its_own_centroid()
    {
        // c's clip x sits nearer ann's clips than c's other clip: with itself left out it is misidentified.
        float[][] embeddings = [[1, 0], [1, 0.05f], [0.95f, 0.1f], [0, 1], [0.2f, 1]];
        var result = VoiceIdentification.LeaveOneOut(embeddings, ["ann", "ann", "cy", "cy", "bob"]);
        Assert.Equal(4, result.Clips);   // bob's only clip has no other clip to be compared with
        Assert.Equal(0.5, result.Accuracy, 12);
    }

    [Fact]
    public void The_mfcc_statistics_embedding_ignores_loudness_and_tells_different_timbres_apart()
    {
        using var embedding = new MfccStatisticsEmbedding();
        var voice = Signals.Harmonic(140, 30, 22050, 22050);
        var quieter = voice.Select(x => x * 0.3f).ToArray();
        var random = new Random(5);
        var hiss = Enumerable.Range(0, 22050).Select(_ => (float)(random.NextDouble() - 0.5) * 0.5f).ToArray();

        var a = embedding.Embed(voice, 22050);
        Assert.Equal(embedding.Dimension, a.Length);
        Assert.Equal(1, EmbeddingMath.Cosine(a, embedding.Embed(quieter, 22050)), 4);
        Assert.True(EmbeddingMath.Cosine(a, embedding.Embed(hiss, 22050)) < 0.9);
    }

    [Fact]
    public void The_metric_compares_output_reference_and_ground_truth_with_the_selected_encoder_at_its_rate()
    {
        var encoder = Substitute.For<ISpeakerEncoder>();
        encoder.SampleRate.Returns(16000);
        var lengths = new List<long>();
        // The fake embeds a clip as [1, length in seconds]: output 1 s, reference 1 s, ground truth 3 s.
        encoder.Embed(Arg.Any<Tensor>(), Arg.Any<Tensor>()).Returns(call =>
        {
            long n = call.ArgAt<Tensor>(1)[0].item<long>();
            lengths.Add(n);
            return tensor(new[] { 1f, n / 16000f }).unsqueeze(0);
        });
        using var metric = new SpeakerSimilarityMetric(encoder);
        var line = new EvaluationUtterance("id", "text", new AudioClip(new float[22050], 22050), new AudioClip(new float[16000], 16000))
            { GroundTruth = new AudioClip(new float[3 * 22050], 22050) };

        var values = metric.Evaluate([line])[0].Values;

        Assert.Equal([16000L, 16000L, 48000L], lengths);
        Assert.Equal(1, values["cos_output_reference"], 6);
        Assert.Equal(4 / Math.Sqrt(2 * 10), values["cos_output_ground_truth"], 6);
        Assert.Equal(values["cos_output_ground_truth"], values["cos_ground_truth_reference"], 6);
    }

    [Fact]
    public void Without_an_encoder_the_metric_says_its_numbers_come_from_mfcc_statistics()
    {
        using var metric = new SpeakerSimilarityMetric();
        var clip = new AudioClip(Signals.Harmonic(120, 20, 16000, 8000), 16000);
        var result = metric.Evaluate([new EvaluationUtterance("id", "text", clip, clip)])[0];
        Assert.Equal(MfccStatisticsEmbedding.Name, result.Texts["embedding"]);
        Assert.Equal(1, result.Values["cos_output_reference"], 6);
        Assert.False(result.Values.ContainsKey("cos_output_ground_truth"));
    }
}
