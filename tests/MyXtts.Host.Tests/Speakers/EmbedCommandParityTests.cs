using System.Globalization;
using MyXtts.Core.IO;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Speakers;

/// <summary>
/// <c>myxtts embed</c> with the built-in encoders loading the parity fixtures' random-weight checkpoints, on clips the
/// test writes. Random weights say nothing about real speakers, so these check the command's arithmetic and plumbing.
/// </summary>
public sealed class EmbedCommandParityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbedRun _embed;

    public EmbedCommandParityTests() => _embed = new EmbedRun(_dir.Combine("runs"));

    public void Dispose() => _dir.Dispose();

    [ParityTheory]
    [InlineData("ecapa_tdnn")]
    [InlineData("resemblyzer")]
    [InlineData("coqui_resnet")]
    [InlineData("coqui_lstm")]
    public void The_cosine_matrix_is_symmetric_with_ones_on_the_diagonal_and_identical_files_score_one(string fixture)
    {
        var tone = TestClips.Tone(_dir.Path, "tone.wav", 160, seconds: 2.0);
        var noise = TestClips.Noise(_dir.Path, "noise.wav", seed: 7, seconds: 2.5, sampleRate: 22050);
        var copy = TestClips.Copy(tone, "tone_copy.wav");
        var high = TestClips.Tone(_dir.Path, "high.wav", 260, seconds: 1.8, sampleRate: 44100);

        var result = _embed.Invoke("--speaker-encoder-type", EncoderFixtures.EncoderType(fixture),
            "--speaker-encoder-path", EncoderFixtures.Checkpoint(fixture), "--json", tone, noise, copy, high);

        Assert.True(result.ExitCode == 0, result.Error);
        var cosine = result.Cosine;
        Assert.Equal(4, cosine.Length);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(1.0, cosine[i][i], 9);
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(cosine[i][j], cosine[j][i]);
                Assert.InRange(cosine[i][j], -1.0, 1.0);
            }
        }
        Assert.Equal(1.0, cosine[0][2], 6);
        var dim = result.Json["embedding_dim"]!.GetValue<int>();
        Assert.All(result.Json["clips"]!.AsArray(), c => Assert.Equal(dim, c!["embedding"]!.AsArray().Count));
    }

    [ParityFact]
    public void Npy_files_are_readable_and_hold_the_printed_embedding_with_the_encoders_size()
    {
        var tone = TestClips.Tone(_dir.Path, "tone.wav", 160);
        var noise = TestClips.Noise(_dir.Path, "noise.wav", seed: 7);
        var npy = _dir.Combine("npy");

        var result = _embed.Invoke("--speaker-encoder-path", EncoderFixtures.Checkpoint("ecapa_tdnn"), "--npy", npy, "--json", tone, noise);

        Assert.True(result.ExitCode == 0, result.Error);
        var clips = result.Json["clips"]!.AsArray();
        Assert.Equal(32, result.Json["embedding_dim"]!.GetValue<int>());   // the fixture's lin_neurons
        foreach (var (name, index) in new[] { ("tone", 0), ("noise", 1) })
        {
            var array = NpyFile.Read(Path.Combine(npy, name + ".npy"));
            Assert.Equal([32L], array.Shape);
            Assert.Equal(clips[index]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()), array.ToFloatArray());
        }
    }

    [ParityFact]
    public void The_verify_decision_follows_the_threshold()
    {
        var tone = TestClips.Tone(_dir.Path, "tone.wav", 160);
        var noise = TestClips.Noise(_dir.Path, "noise.wav", seed: 7);
        string[] encoder = ["--speaker-encoder-path", EncoderFixtures.Checkpoint("ecapa_tdnn")];
        var json = _embed.Invoke([.. encoder, "--verify", "--json", tone, noise]);
        Assert.True(json.ExitCode == 0, json.Error);
        double cosine = json.Cosine[0][1];
        Assert.Equal(cosine, json.Json["verify"]!["cosine"]!.GetValue<double>());
        Assert.Equal(0.25, json.Json["verify"]!["threshold"]!.GetValue<double>());   // ecapa_tdnn's documented default
        double margin = Math.Min(0.01, (1 - cosine) / 2);

        var below = _embed.Invoke([.. encoder, "--verify", "--threshold", Format(cosine - margin), tone, noise]);
        var above = _embed.Invoke([.. encoder, "--verify", "--threshold", Format(cosine + margin), tone, noise]);

        var shown = cosine.ToString("0.0000", CultureInfo.InvariantCulture);
        Assert.Contains($"SAME speaker: cosine {shown} >= threshold", below.Output);
        Assert.Contains($"DIFFERENT speakers: cosine {shown} < threshold", above.Output);
        Assert.Contains("(--threshold)", above.Output);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
