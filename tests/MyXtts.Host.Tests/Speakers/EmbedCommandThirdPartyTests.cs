using MyXtts.Core.IO;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Speakers;

/// <summary>
/// <c>myxtts embed</c> with a third-party encoder from a plugins folder (the test plugin <c>fixture_encoder</c>, whose
/// embedding is the clip's mean absolute amplitude in 4 dimensions at 16 kHz), so the whole pipeline runs without fixtures.
/// </summary>
public sealed class EmbedCommandThirdPartyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbedRun _embed;
    private readonly string[] _encoder;

    public EmbedCommandThirdPartyTests()
    {
        _embed = new EmbedRun(_dir.Combine("runs"));
        var plugins = Directory.CreateDirectory(_dir.Combine("plugins")).FullName;
        FixturePlugins.CopyInto(plugins, "Good");
        var weights = _dir.Combine("weights.bin");
        File.WriteAllBytes(weights, [0]);
        _encoder = ["--plugins-dir", plugins, "--speaker-encoder-type", "fixture_encoder", "--speaker-encoder-path", weights];
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_third_party_encoder_is_selected_by_name_and_gets_mono_audio_resampled_to_its_rate_with_true_lengths()
    {
        var tone = TestClips.Tone(_dir.Path, "tone.wav", 200, seconds: 1.0, sampleRate: 22050);
        var quiet = TestClips.Noise(_dir.Path, "quiet.wav", seed: 3, seconds: 0.5, sampleRate: 16000, amplitude: 0.1);

        var result = _embed.Invoke([.. _encoder, "--json", tone, quiet]);

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal("fixture_encoder", json["encoder"]!.GetValue<string>());
        Assert.Equal(16000, json["sample_rate"]!.GetValue<int>());
        var clips = json["clips"]!.AsArray();
        Assert.Equal(22050, clips[0]!["source_sample_rate"]!.GetValue<int>());
        Assert.Equal(1.0, clips[0]!["seconds"]!.GetValue<double>(), 3);
        // Uniform noise in ±0.1 has mean |x| 0.05; the padding of the shorter clip must not dilute it (lengths are passed).
        Assert.Equal(0.05, clips[1]!["embedding"]!.AsArray()[0]!.GetValue<double>(), 2);
        Assert.Equal(4, clips[1]!["dim"]!.GetValue<int>());
    }

    [Fact]
    public void Npy_files_are_written_per_clip_with_the_embedding_size_and_values()
    {
        var a = TestClips.Noise(_dir.Path, "a.wav", seed: 1, amplitude: 0.2);
        var b = TestClips.Noise(_dir.Path, "b.wav", seed: 2, amplitude: 0.4);
        var npy = _dir.Combine("embeddings");

        var result = _embed.Invoke([.. _encoder, "--npy", npy, "--json", a, b]);

        Assert.Equal(0, result.ExitCode);
        var clips = result.Json["clips"]!.AsArray();
        foreach (var (name, index) in new[] { ("a", 0), ("b", 1) })
        {
            var array = NpyFile.Read(Path.Combine(npy, name + ".npy"));
            Assert.Equal([4L], array.Shape);
            var expected = clips[index]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            Assert.Equal(expected, array.ToFloatArray());
        }
        Assert.Equal(0.1, NpyFile.Read(Path.Combine(npy, "a.npy")).ToFloatArray()[0], 2);
    }

    [Fact]
    public void Verify_with_an_encoder_that_has_no_default_threshold_asks_for_one()
    {
        var a = TestClips.Tone(_dir.Path, "a.wav", 150);
        var b = TestClips.Tone(_dir.Path, "b.wav", 250);

        var result = _embed.Invoke([.. _encoder, "--verify", a, b]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Speaker encoder 'fixture_encoder' has no default verification threshold", result.Error);
        Assert.Contains("--threshold X", result.Error);
    }

    [Fact]
    public void The_table_output_lists_each_clip_and_the_cosine_matrix()
    {
        var a = TestClips.Tone(_dir.Path, "low.wav", 150);
        var b = TestClips.Tone(_dir.Path, "high.wav", 250);

        var result = _embed.Invoke([.. _encoder, a, b]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Speaker encoder fixture_encoder: 4-dim embeddings of 16000 Hz audio", result.Output);
        Assert.Contains("Cosine similarity", result.Output);
        Assert.Matches(@"│\s*low\s*│\s*1\.0000\s*│\s*1\.0000\s*│", result.Output);   // mean-amplitude vectors all point one way
    }
}
