using MyXtts.Plugins.Vocoders.HiFiGan.Layers;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Discriminators;

public sealed class SpectralNormTests
{
    [Fact]
    public void Eval_mode_uses_the_stored_u_and_v_without_changing_them()
    {
        using var conv = new SpectralNormConv1d("conv", 4, 8, 5);
        conv.eval();
        using var scope = NewDisposeScope();
        var u = conv.state_dict()["weight_u"].clone();
        using (no_grad()) conv.call(randn(1, 4, 20));
        TensorAssert.Identical(u, conv.state_dict()["weight_u"], "weight_u");
    }

    [Fact]
    public void Train_mode_runs_one_power_iteration_per_call_and_updates_u_in_place()
    {
        using var conv = new SpectralNormConv1d("conv", 4, 8, 5);
        conv.train();
        using var scope = NewDisposeScope();
        var buffer = conv.state_dict()["weight_u"];
        var before = buffer.clone();
        using (no_grad()) conv.call(randn(1, 4, 20));
        Assert.False(conv.state_dict()["weight_u"].eq(before).all().item<bool>());
        Assert.Same(buffer, conv.state_dict()["weight_u"]);
    }

    [Fact]
    public void After_enough_power_iterations_the_effective_weight_has_spectral_norm_one()
    {
        using var conv = new SpectralNormConv1d("conv", 4, 8, 5);
        conv.train();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (int i = 0; i < 50; i++) conv.EffectiveWeight().Dispose();
        conv.eval();
        var sigma = linalg.matrix_norm(conv.EffectiveWeight().reshape(8, -1), ord: 2).item<float>();
        Assert.InRange(sigma, 0.999f, 1.001f);
    }
}
