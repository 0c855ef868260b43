using System.Reflection;
using MyXtts.Abstractions.Plugins;
using MyXtts.Checkpoints;
using MyXtts.Checkpoints.Modules;
using MyXtts.Checkpoints.Safetensors;
using MyXtts.Plugins.SpeakerEncoders.Ecapa;
using MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Ecapa.Tests;

/// <summary>Plugin behaviour that needs no fixtures: a small random ECAPA exported to safetensors stands in for a checkpoint.</summary>
public sealed class EcapaTdnnEncoderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("myxtts-ecapa-").FullName;

    private static readonly EcapaArchitecture Small = new(
        Stem: new EcapaBlockShape(80, 16, 5, 1),
        SeRes2NetBlocks: [new(16, 16, 3, 2), new(16, 16, 3, 3), new(16, 24, 3, 4)],
        Res2NetScale: 4,
        SeChannels: 8,
        Mfa: new EcapaBlockShape(56, 48, 1, 1),
        AttentionChannels: 8,
        GlobalContext: true,
        EmbeddingDim: 12);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ExportSmall(string name = "small.safetensors", Action<Dictionary<string, Tensor>>? edit = null)
    {
        using var model = new EcapaTdnn(Small);
        var path = Path.Combine(_folder, name);
        var state = model.state_dict().ToDictionary(p => p.Key, p => p.Value);
        edit?.Invoke(state);
        SafetensorsFile.Write(path, state);
        return path;
    }

    [Fact]
    public void The_plugin_is_named_ecapa_tdnn_and_works_at_16_khz()
    {
        using var encoder = new EcapaTdnnEncoder(Logger.None);

        Assert.Equal("ecapa_tdnn", typeof(EcapaTdnnEncoder).GetCustomAttribute<PluginAttribute>()!.Name);
        Assert.Equal(16000, encoder.SampleRate);
        Assert.Equal(192, encoder.EmbeddingDim);
    }

    [Fact]
    public void Embedding_before_loading_weights_says_which_file_to_load()
    {
        using var encoder = new EcapaTdnnEncoder(Logger.None);

        var error = Assert.Throws<InvalidOperationException>(() => encoder.Embed(zeros(1, 16000), tensor(new long[] { 16000 })));

        Assert.Contains("embedding_model.ckpt", error.Message);
    }

    [Fact]
    public void Channel_sizes_and_the_embedding_size_are_read_from_the_file()
    {
        using var encoder = new EcapaTdnnEncoder(Logger.None);

        encoder.LoadWeights(ExportSmall());
        using var embedding = encoder.Embed(randn(2, 8000) * 0.1, tensor(new long[] { 8000, 8000 }));

        Assert.Equal(12, encoder.EmbeddingDim);
        Assert.Equal(new long[] { 2, 12 }, embedding.shape);
        Assert.True(embedding.isfinite().all().item<bool>());
    }

    [Fact]
    public void Each_row_of_a_batch_is_embedded_independently_of_its_neighbours()
    {
        using var scope = NewDisposeScope();
        using var encoder = new EcapaTdnnEncoder(Logger.None);
        encoder.LoadWeights(ExportSmall());
        var speech = randn(1, 12000) * 0.1;
        var padded = cat([speech, zeros(1, 4000)], dim: 1);

        var withNoise = encoder.Embed(cat([padded, randn(1, 16000)], dim: 0), tensor(new long[] { 12000, 16000 }));
        var withSilence = encoder.Embed(cat([padded, zeros(1, 16000) + 0.01], dim: 0), tensor(new long[] { 12000, 9000 }));

        Assert.True(withNoise[0].allclose(withSilence[0], rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_checkpoint_missing_a_key_is_refused_naming_the_file_and_the_key()
    {
        using var encoder = new EcapaTdnnEncoder(Logger.None);
        var path = ExportSmall("broken.safetensors", state => state.Remove("blocks.2.se_block.conv2.conv.bias"));

        var error = Assert.Throws<StateDictMismatchException>(() => encoder.LoadWeights(path));

        Assert.Contains("'broken.safetensors'", error.Message);
        Assert.Equal(["blocks.2.se_block.conv2.conv.bias"], error.Missing);
    }

    [Fact]
    public void A_checkpoint_of_another_model_is_refused_as_not_ecapa()
    {
        using var encoder = new EcapaTdnnEncoder(Logger.None);
        var path = Path.Combine(_folder, "lstm.safetensors");
        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["lstm.weight_ih_l0"] = zeros(4, 4) });

        var error = Assert.Throws<CheckpointFormatException>(() => encoder.LoadWeights(path));

        Assert.Contains("'lstm.safetensors' is not a SpeechBrain ECAPA-TDNN embedding_model checkpoint: it has no 'blocks.0.conv.conv.weight'", error.Message);
    }

    [Fact]
    public void Weights_exported_from_the_plugin_reload_to_the_same_embeddings()
    {
        using var scope = NewDisposeScope();
        using var first = new EcapaTdnnEncoder(Logger.None);
        using var second = new EcapaTdnnEncoder(Logger.None);
        first.LoadWeights(ExportSmall());
        var exported = Path.Combine(_folder, "again.safetensors");
        ModuleWeights.ExportSafetensors(first.Network!, exported);
        second.LoadWeights(exported);
        var wav = randn(1, 8000) * 0.1;

        Assert.True(first.Embed(wav, tensor(new long[] { 8000 })).equal(second.Embed(wav, tensor(new long[] { 8000 }))).all().item<bool>());
    }
}
