using MyXtts.Core.Training.Distributed;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training.Distributed;

[Collection(MyXtts.Core.Tests.Training.TrainingCollection.Name)]
public sealed class FlatGradientBufferTests
{
    [Fact]
    public void Backward_writes_every_gradient_into_one_buffer_of_which_each_grad_is_a_view()
    {
        using var model = Model();
        var parameters = model.parameters().ToArray();
        using var flat = new FlatGradientBuffer(parameters);

        model.call(ones(3, 4)).sum().backward();

        using var expected = cat(parameters.Select(p => p.grad!.reshape(-1)).ToArray());
        Assert.True((flat.Buffer == expected).all().item<bool>());
        Assert.True(flat.Buffer.abs().sum().item<float>() > 0);
        Assert.True(flat.Covers(parameters.Select(p => p.grad!).ToArray()));
        Assert.Equal(parameters.Sum(p => p.numel()) * 4, flat.Bytes);
    }

    [Theory]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void The_views_survive_zero_grad_and_optimizer_steps(string kind)
    {
        using var model = Model();
        var parameters = model.parameters().ToArray();
        using var flat = new FlatGradientBuffer(parameters);
        using optim.Optimizer optimizer = kind == "sgd" ? optim.SGD(parameters, 0.1) : optim.AdamW(parameters, 0.1);

        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Assert.Equal(0, flat.Buffer.abs().sum().item<float>());
            model.call(ones(3, 4)).square().sum().backward();
            optimizer.step();
            Assert.True(flat.Attached(), $"{kind} replaced a gradient at step {step}");
        }
    }

    [Fact]
    public void A_replaced_gradient_is_noticed_and_put_back_into_the_buffer_with_its_values()
    {
        using var model = Model();
        var parameters = model.parameters().ToArray();
        using var flat = new FlatGradientBuffer(parameters);

        parameters[0].grad = full_like(parameters[0], 2.0f);
        Assert.False(flat.Attached());
        flat.Reattach();

        Assert.True(flat.Attached());
        Assert.Equal(2.0f * parameters[0].numel(), flat.Buffer.narrow(0, 0, parameters[0].numel()).sum().item<float>());
    }

    private static Sequential Model()
    {
        manual_seed(3);
        return nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 2));
    }
}
