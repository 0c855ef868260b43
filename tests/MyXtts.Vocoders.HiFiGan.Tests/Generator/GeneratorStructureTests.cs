using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Generator;

public sealed class GeneratorStructureTests
{
    [Theory]
    [InlineData("V1", 13_936_130, 234)]
    [InlineData("V2", 928_514, 234)]
    [InlineData("V3", 1_464_322, 69)]
    public void Published_configs_have_the_reference_parameter_and_key_counts(string name, long parameters, int keys)
    {
        using var generator = new HiFiGanGenerator(HiFiGanConfigs.Resolve(name).Generator);
        Assert.Equal(parameters, generator.parameters().Sum(p => p.numel()));
        Assert.Equal(keys, generator.state_dict().Count);
    }

    [Fact]
    public void Weight_norm_keys_and_shapes_match_the_published_v1_checkpoint()
    {
        using var generator = new HiFiGanGenerator(HiFiGanConfig.V1);
        var shapes = generator.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        Assert.Equal([512L, 1, 1], shapes["conv_pre.weight_g"]);
        Assert.Equal([512L, 80, 7], shapes["conv_pre.weight_v"]);
        Assert.Equal([512L, 1, 1], shapes["ups.0.weight_g"]);   // ConvTranspose1d: dim 0 is the input channel
        Assert.Equal([512L, 256, 16], shapes["ups.0.weight_v"]);
        Assert.Equal([256L], shapes["ups.0.bias"]);
        Assert.Equal([32L, 32, 11], shapes["resblocks.11.convs1.2.weight_v"]);
        Assert.Equal([1L, 32, 7], shapes["conv_post.weight_v"]);
    }

    [Fact]
    public void Output_has_hop_times_frames_samples_within_minus_one_to_one()
    {
        using var generator = new HiFiGanGenerator(SmallConfigs.V3);
        using var scope = NewDisposeScope();
        var audio = generator.call(randn(2, 80, 10));
        Assert.Equal([2L, 1, 2560], audio.shape);
        Assert.True(audio.abs().max().item<float>() < 1f);
    }

    [Fact]
    public void Removing_weight_norm_keeps_the_output_and_renames_the_keys_to_weight()
    {
        using var generator = new HiFiGanGenerator(SmallConfigs.V1);
        generator.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var mel = randn(1, 80, 12);
        var before = generator.call(mel);
        generator.RemoveWeightNorm();
        TensorAssert.Close(before, generator.call(mel), 1e-6, 0, "after remove_weight_norm");
        var keys = generator.state_dict().Keys.ToList();
        Assert.Contains("ups.0.weight", keys);
        Assert.DoesNotContain(keys, k => k.EndsWith("weight_g") || k.EndsWith("weight_v"));
        Assert.False(generator.HasWeightNorm);
    }

    [Fact]
    public void Training_sends_gradients_to_weight_g_and_weight_v()
    {
        using var generator = new HiFiGanGenerator(SmallConfigs.V3);
        using var scope = NewDisposeScope();
        generator.call(randn(1, 80, 4)).square().mean().backward();
        var grads = generator.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
        Assert.True(grads["ups.0.weight_g"]!.abs().sum().item<float>() > 0);
        Assert.True(grads["conv_pre.weight_v"]!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void A_generator_built_inside_a_dispose_scope_keeps_its_weights_after_the_scope()
    {
        HiFiGanGenerator generator;
        using (NewDisposeScope()) generator = new HiFiGanGenerator(SmallConfigs.V3);
        using (generator)
        using (NewDisposeScope())
        {
            Assert.Equal([1L, 1, 256], generator.call(randn(1, 80, 1)).shape);
        }
    }
}
