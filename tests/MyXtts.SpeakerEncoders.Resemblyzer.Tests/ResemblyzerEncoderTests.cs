using System.Reflection;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Checkpoints;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer;
using MyXtts.SpeakerEncoders.Resemblyzer.Tests.TestSupport;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Resemblyzer.Tests;

/// <summary>Behaviour that needs no reference outputs (the network keeps its random initial weights).</summary>
public class ResemblyzerEncoderTests
{
    [Fact]
    public void The_plugin_is_named_resemblyzer_and_implements_the_speaker_encoder_contract()
    {
        var plugin = typeof(ResemblyzerEncoder).GetCustomAttribute<PluginAttribute>()!;

        Assert.Equal("resemblyzer", plugin.Name);
        Assert.True(PluginNames.IsValid(plugin.Name));
        Assert.Equal(typeof(ResemblyzerOptions), plugin.Options);
        Assert.True(typeof(ISpeakerEncoder).IsAssignableFrom(typeof(ResemblyzerEncoder)));
        var constructor = Assert.Single(typeof(ResemblyzerEncoder).GetConstructors());
        Assert.Equal([typeof(ResemblyzerOptions), typeof(Serilog.ILogger)], constructor.GetParameters().Select(p => p.ParameterType));
    }

    [Fact]
    public void It_declares_16_khz_input_and_256_dimensional_embeddings()
    {
        using var encoder = Encoders.WithoutVolumeNormalisation();

        Assert.Equal(16000, encoder.SampleRate);
        Assert.Equal(256, encoder.EmbeddingDim);
    }

    [Fact]
    public void A_batch_of_different_lengths_embeds_each_clip_as_embedding_it_alone_does()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var encoder = new ResemblyzerEncoder(new ResemblyzerOptions(), Logger.None);
        long[] lengths = [9000, 40000, 27777];
        var batch = randn(3, 40000) * 0.05;

        var together = encoder.Embed(batch, tensor(lengths));

        for (int b = 0; b < lengths.Length; b++)
        {
            var alone = encoder.Embed(batch[b, ..(int)lengths[b]].unsqueeze(0), tensor(new[] { lengths[b] }));
            TensorAssert.Close(alone, together[b].unsqueeze(0), 1e-6, $"clip {b}");
        }
    }

    [Fact]
    public void Embeddings_are_l2_normalised()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var encoder = new ResemblyzerEncoder(new ResemblyzerOptions(), Logger.None);

        var embeddings = encoder.Embed(randn(2, 30000) * 0.1, tensor(new long[] { 30000, 12345 }));

        TensorAssert.Close(ones(2), embeddings.norm(1), 1e-5, "norms");
    }

    [Fact]
    public void Lengths_outside_the_padded_width_are_refused_with_the_valid_range()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.WithoutVolumeNormalisation();

        var error = Assert.Throws<ArgumentException>(() => encoder.Embed(zeros(1, 100), tensor(new long[] { 101 })));

        Assert.Contains("1..100", error.Message);
    }

    [Fact]
    public void Options_outside_their_range_are_refused_naming_the_configuration_key()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ResemblyzerEncoder(new ResemblyzerOptions { MinCoverage = 0 }, Logger.None));

        Assert.Contains("plugins:resemblyzer:MinCoverage", error.Message);
    }

    [Fact]
    public void A_checkpoint_that_carries_a_pickled_callable_is_refused_without_running_it()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "evil.pt");
        File.WriteAllBytes(path, PickledCall.PosixSystem("touch " + Path.Combine(dir.Path, "pwned")));
        using var encoder = Encoders.WithoutVolumeNormalisation();

        Assert.Throws<CheckpointSecurityException>(() => encoder.LoadWeights(path));
        Assert.False(File.Exists(Path.Combine(dir.Path, "pwned")));
    }
}
