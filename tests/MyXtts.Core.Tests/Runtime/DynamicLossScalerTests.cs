using MyXtts.Core.Runtime;
using TorchSharp;
using TorchSharp.Modules;

namespace MyXtts.Core.Tests.Runtime;

public sealed class DynamicLossScalerTests
{
    private static Parameter ParameterWithGrad(params float[] grad)
    {
        var p = new Parameter(torch.zeros(grad.Length));
        using (torch.no_grad()) p.grad = torch.tensor(grad);
        return p;
    }

    [Fact]
    public void Unscaling_divides_every_gradient_by_the_scale()
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 1024));
        using var a = ParameterWithGrad(1024f, -2048f);
        using var b = ParameterWithGrad(512f);
        Assert.True(scaler.UnscaleGradients([a, b]));
        Assert.Equal([1f, -2f], a.grad!.data<float>().ToArray());
        Assert.Equal([0.5f], b.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Unscaling_twice_in_one_step_divides_only_once()
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 4));
        using var a = ParameterWithGrad(8f);
        scaler.UnscaleGradients([a]);
        scaler.UnscaleGradients([a]);
        Assert.Equal(2f, a.grad!.item<float>());
    }

    [Fact]
    public void Scaling_the_loss_multiplies_it_by_the_scale()
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 8));
        using var loss = torch.tensor(0.25f);
        using var scaled = scaler.ScaleLoss(loss);
        Assert.Equal(2f, scaled.item<float>());
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NaN)]
    public void An_overflowing_step_is_skipped_and_the_scale_backs_off(float bad)
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 1024, GrowthInterval: 3));
        using var p = ParameterWithGrad(1f, bad);
        using var optimizer = torch.optim.SGD([p], 0.1);
        var before = p.detach().clone();

        Assert.False(scaler.Step(optimizer, [p]));
        Assert.Equal(512, scaler.Scale);
        Assert.Equal(before.data<float>().ToArray(), p.detach().data<float>().ToArray());
    }

    [Fact]
    public void The_scale_grows_after_the_growth_interval_of_finite_steps()
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 16, GrowthFactor: 2, GrowthInterval: 3));
        foreach (var expected in new double[] { 16, 16, 32, 32, 32, 64 })
        {
            scaler.Update(gradientsFinite: true);
            Assert.Equal(expected, scaler.Scale);
        }
    }

    [Fact]
    public void An_overflow_resets_the_count_of_good_steps()
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 16, GrowthInterval: 2));
        scaler.Update(true);
        scaler.Update(false);
        scaler.Update(true);
        Assert.Equal(8, scaler.Scale);
        scaler.Update(true);
        Assert.Equal(16, scaler.Scale);
    }

    [Fact]
    public void The_scale_never_backs_off_below_the_minimum()
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 2) { MinScale = 1 });
        for (var i = 0; i < 5; i++) scaler.Update(false);
        Assert.Equal(1, scaler.Scale);
    }

    [Fact]
    public void A_finite_step_updates_the_parameters_with_the_unscaled_gradient()
    {
        var scaler = new DynamicLossScaler(new LossScalerOptions(InitScale: 256));
        using var p = ParameterWithGrad(256f);
        using var optimizer = torch.optim.SGD([p], 0.5);
        Assert.True(scaler.Step(optimizer, [p]));
        Assert.Equal(-0.5f, p.item<float>());
    }

    [Fact]
    public void State_saved_and_restored_continues_the_schedule()
    {
        var options = new LossScalerOptions(InitScale: 16, GrowthInterval: 3);
        var first = new DynamicLossScaler(options);
        first.Update(true);
        first.Update(true);
        var second = new DynamicLossScaler(options);
        second.Restore(first.State);
        Assert.Equal(new LossScalerState(16, 2), second.State);
        second.Update(true);
        Assert.Equal(32, second.Scale);
    }

    [Fact]
    public void Without_fp16_the_scaler_passes_everything_through()
    {
        var scaler = PrecisionPolicy.For(MyXtts.Abstractions.Configuration.MixedPrecisionMode.Bf16, DeviceType.CPU).CreateLossScaler();
        using var loss = torch.tensor(3f);
        using var scaled = scaler.ScaleLoss(loss);
        Assert.Equal(3f, scaled.item<float>());
        Assert.Equal(1.0, scaler.Scale);
    }
}
