using System.Reflection;
using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Plugins;
using MyXtts.Checkpoints.Modules;
using MyXtts.Plugins.Vocoders.HiFiGan;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests;

public sealed class HiFiGanVocoderTests
{
    private static readonly MelSettings RunMel = new();

    [Fact]
    public void The_plugin_is_named_hifigan_and_binds_its_options()
    {
        var attribute = typeof(HiFiGanVocoder).GetCustomAttribute<PluginAttribute>()!;
        Assert.Equal("hifigan", attribute.Name);
        Assert.Equal(typeof(HiFiGanOptions), attribute.Options);
    }

    [Fact]
    public void A_config_whose_upsampling_differs_from_the_run_hop_length_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new HiFiGanVocoder(new HiFiGanOptions(), RunMel with { HopLength = 200 }));
        Assert.Contains("hop length is 200", error.Message);
    }

    [Fact]
    public void A_config_file_trained_on_another_mel_definition_is_refused_naming_the_difference()
    {
        using var folder = new TempFolder();
        var config = folder.Write("config.json", SmallConfigs.V3Json(fmax: "null"));
        var error = Assert.Throws<ArgumentException>(() => new HiFiGanVocoder(new HiFiGanOptions { Config = config }, RunMel));
        Assert.Contains("fmax 8000 vs 11025", error.Message);
    }

    [Fact]
    public void Synthesis_before_weights_are_loaded_says_how_to_load_them()
    {
        using var vocoder = new HiFiGanVocoder(new HiFiGanOptions { Config = "V3" }, RunMel);
        using var scope = NewDisposeScope();
        var error = Assert.Throws<InvalidOperationException>(() => vocoder.Synthesize(zeros(1, 80, 4)));
        Assert.Contains("plugins:hifigan:Checkpoint", error.Message);
    }

    [Fact]
    public void Loaded_weights_synthesise_what_the_generator_computes_with_weight_norm_removed()
    {
        using var folder = new TempFolder();
        using var generator = new HiFiGanGenerator(SmallConfigs.V3);
        generator.eval();
        ModuleWeights.ExportSafetensors(generator, folder.PathOf("g.safetensors"));
        using var vocoder = new HiFiGanVocoder(new HiFiGanOptions { Config = "V3", Checkpoint = folder.PathOf("g.safetensors") }, RunMel);
        using var scope = NewDisposeScope();
        var mel = randn(2, 80, 6);
        var audio = vocoder.Synthesize(mel);
        Assert.Equal([2L, 6 * 256], audio.shape);
        Assert.False(vocoder.Generator!.HasWeightNorm);
        Assert.Equal(32, vocoder.Generator.Config.UpsampleInitialChannel);   // read from the file, not V3's 256
        using (no_grad()) TensorAssert.Close(generator.call(mel).squeeze(1), audio, 1e-6, 0, "vocoder vs generator");
        Assert.Equal([6L * 256], vocoder.Synthesize(mel[0]).shape);
    }

    [Fact]
    public void A_key_prefix_selects_the_generator_inside_a_larger_state_dict()
    {
        using var folder = new TempFolder();
        using var generator = new HiFiGanGenerator(SmallConfigs.V3);
        var prefixed = generator.state_dict().ToDictionary(p => "waveform_decoder." + p.Key, p => p.Value);
        MyXtts.Checkpoints.Safetensors.SafetensorsFile.Write(folder.PathOf("xtts.safetensors"), prefixed, null);
        using var vocoder = new HiFiGanVocoder(
            new HiFiGanOptions { Config = "V3", KeyPrefix = "waveform_decoder.", Checkpoint = folder.PathOf("xtts.safetensors") }, RunMel);
        Assert.NotNull(vocoder.Generator);
    }

    [Fact]
    public void Invalid_chunk_options_name_the_key_and_a_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => new HiFiGanVocoder(new HiFiGanOptions { ChunkFrames = 10, ChunkOverlapFrames = 8 }, RunMel));
        Assert.Contains("plugins:hifigan:ChunkFrames", error.Message);
    }

    [ParityFact]
    public void Published_format_v1_checkpoint_synthesises_the_reference_waveform()
    {
        var options = new HiFiGanOptions
        {
            Config = ParityFixtures.PathOf("hifigan_v1", "config.json"),
            Checkpoint = ParityFixtures.PathOf("hifigan_v1", "g_00000000_legacy_format"),
        };
        using var vocoder = new HiFiGanVocoder(options, RunMel);
        using var scope = NewDisposeScope();
        var audio = vocoder.Synthesize(ParityFixtures.Tensor("hifigan_v1", "mel_in.npy"));
        TensorAssert.Close(ParityFixtures.Tensor("hifigan_v1", "wav_out.npy").squeeze(1), audio, 1e-5, 0, "wav_out");
    }
}
