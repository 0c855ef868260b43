using MyXtts.Plugins.Vocoders.HiFiGan.Checkpoints;
using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using MyXtts.Plugins.Vocoders.HiFiGan.Layers;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Generator;

public sealed class GeneratorParityTests
{
    [ParityTheory]
    [InlineData("hifigan_v1")]
    [InlineData("hifigan_v3")]
    public void Generator_reproduces_the_reference_intermediates_and_waveform_with_weight_norm(string folder)
    {
        using var generator = Load(folder, "g_00000000");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var taps = new Dictionary<string, Tensor>();
        var wav = generator.Forward(ParityFixtures.Tensor(folder, "mel_in.npy"), (name, t) => taps[name] = t.clone().MoveToOuterDisposeScope());
        TensorAssert.Close(ParityFixtures.Tensor(folder, "conv_pre_out.npy"), taps["conv_pre"], 0, 1e-5, "conv_pre");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "ups0_out.npy"), taps["ups.0"], 0, 1e-5, "ups0");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "ups1_out.npy"), taps["ups.1"], 0, 1e-5, "ups1");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "conv_post_out.npy"), taps["conv_post"], 0, 1e-5, "conv_post");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "wav_out_weightnorm.npy"), wav, 1e-5, 0, "wav_out_weightnorm");
    }

    [ParityTheory]
    [InlineData("hifigan_v1")]
    [InlineData("hifigan_v3")]
    public void Removing_weight_norm_gives_the_reference_effective_weights_and_waveform(string folder)
    {
        using var generator = Load(folder, "g_00000000");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var mel = ParityFixtures.Tensor(folder, "mel_in.npy");
        var before = generator.forward(mel);
        generator.RemoveWeightNorm();
        var layers = generator.named_modules().ToDictionary(m => m.name, m => m.module);
        int last = generator.Config.UpsampleRates.Count - 1;
        TensorAssert.Close(ParityFixtures.Tensor(folder, "effective_weight_conv_post.npy"), ((WeightNormConv)layers["conv_post"]).EffectiveWeight(), 0, 1e-6, "conv_post weight");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "effective_weight_ups_last.npy"), ((WeightNormConv)layers[$"ups.{last}"]).EffectiveWeight(), 0, 1e-6, "ups[-1] weight");
        var after = generator.forward(mel);
        TensorAssert.Close(ParityFixtures.Tensor(folder, "wav_out.npy"), after, 1e-5, 0, "wav_out");
        TensorAssert.Close(before, after, 1e-6, 0, "weight norm removed vs kept");
    }

    [ParityFact]
    public void Legacy_format_generator_checkpoint_gives_the_same_waveform()
    {
        using var generator = Load("hifigan_v1", "g_00000000_legacy_format");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var wav = generator.forward(ParityFixtures.Tensor("hifigan_v1", "mel_in.npy"));
        TensorAssert.Close(ParityFixtures.Tensor("hifigan_v1", "wav_out_weightnorm.npy"), wav, 1e-5, 0, "wav_out (legacy file)");
    }

    [ParityFact]
    public void Reduced_v1_checkpoint_loads_into_the_built_in_v1_config_with_channels_read_from_the_file()
    {
        using var generator = GeneratorCheckpoint.Load(ParityFixtures.PathOf("hifigan_v1", "g_00000000"), HiFiGanConfig.V1);
        Assert.Equal(64, generator.Config.UpsampleInitialChannel);
        Assert.Equal(80, generator.Config.NumMels);
    }

    [ParityFact]
    public void Loading_a_v3_checkpoint_with_the_v1_config_names_the_stage_count_mismatch()
    {
        var error = Assert.Throws<FormatException>(() => GeneratorCheckpoint.Load(ParityFixtures.PathOf("hifigan_v3", "g_00000000"), HiFiGanConfig.V1));
        Assert.Contains("3 upsampling stages", error.Message);
        Assert.Contains("V3", error.Message);
    }

    private static HiFiGanGenerator Load(string folder, string file)
    {
        var config = HiFiGanConfigFile.Read(ParityFixtures.PathOf(folder, "config.json")).Generator;
        var generator = GeneratorCheckpoint.Load(ParityFixtures.PathOf(folder, file), config);
        generator.eval();
        return generator;
    }
}
