using System.Reflection;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Checkpoints;
using MyXtts.Plugins.SpeakerEncoders.Coqui;
using MyXtts.SpeakerEncoders.Coqui.Tests.TestSupport;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Coqui.Tests;

/// <summary>Behaviour that needs no reference outputs: a small random encoder saved as a config-less safetensors file.</summary>
public sealed class CoquiEncoderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CoquiEncoder _encoder = new(new CoquiOptions(), Logger.None);

    public CoquiEncoderTests() => _encoder.LoadWeights(TinyCoquiCheckpoint.Write(_folder.Path));

    public void Dispose()
    {
        _encoder.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void The_plugin_is_named_coqui_and_implements_the_speaker_encoder_contract()
    {
        var plugin = typeof(CoquiEncoder).GetCustomAttribute<PluginAttribute>()!;

        Assert.Equal("coqui", plugin.Name);
        Assert.True(PluginNames.IsValid(plugin.Name));
        Assert.Equal(typeof(CoquiOptions), plugin.Options);
        Assert.True(typeof(ISpeakerEncoder).IsAssignableFrom(typeof(CoquiEncoder)));
        var constructor = Assert.Single(typeof(CoquiEncoder).GetConstructors());
        Assert.Equal([typeof(CoquiOptions), typeof(Serilog.ILogger)], constructor.GetParameters().Select(p => p.ParameterType));
    }

    [Fact]
    public void Using_the_encoder_before_loading_weights_says_that_its_sizes_come_from_the_checkpoint()
    {
        using var empty = new CoquiEncoder(new CoquiOptions(), Logger.None);

        var error = Assert.Throws<InvalidOperationException>(() => empty.EmbeddingDim);

        Assert.Contains("LoadWeights", error.Message);
    }

    [Fact]
    public void A_config_less_safetensors_file_loads_with_sizes_from_its_shapes_and_yourtts_audio_settings()
    {
        Assert.Equal(TinyCoquiCheckpoint.ProjDim, _encoder.EmbeddingDim);
        Assert.Equal(16000, _encoder.SampleRate);
    }

    [Fact]
    public void A_batch_of_different_lengths_embeds_each_clip_as_embedding_it_alone_does()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        long[] lengths = [12000, 41000, 30000];
        var batch = randn(3, 41000) * 0.1;

        var together = _encoder.Embed(batch, tensor(lengths));

        for (int b = 0; b < lengths.Length; b++)
        {
            var alone = _encoder.Embed(batch[b, ..(int)lengths[b]].unsqueeze(0), tensor(new[] { lengths[b] }));
            TensorAssert.Close(alone, together[b].unsqueeze(0), 1e-6, $"clip {b}");
        }
    }

    [Fact]
    public void A_clip_shorter_than_one_window_embeds_to_unit_norm_and_a_longer_one_to_the_unrenormalised_mean()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);

        var embeddings = _encoder.Embed(randn(2, 60000) * 0.1, tensor(new long[] { 30000, 60000 }));
        var norms = embeddings.norm(1);

        Assert.InRange(norms[0].item<float>(), 1 - 1e-5, 1 + 1e-5);   // ten identical l2-normed windows
        Assert.True(norms[1].item<float>() <= 1 + 1e-5);               // mean of ten different unit vectors, not renormalised
    }

    [Fact]
    public void A_checkpoint_that_carries_a_pickled_callable_is_refused_without_running_it()
    {
        var path = Path.Combine(_folder.Path, "evil.pth");
        var marker = Path.Combine(_folder.Path, "pwned");
        File.WriteAllBytes(path, PickledCall.PosixSystem("touch " + marker));
        using var encoder = new CoquiEncoder(new CoquiOptions(), Logger.None);

        Assert.Throws<CheckpointSecurityException>(() => encoder.LoadWeights(path));
        Assert.False(File.Exists(marker));
    }
}
