using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class GradientAccumulationTests
{
    [Fact]
    public void Two_accumulated_micro_batches_of_B_give_the_gradient_of_one_batch_of_2B()
    {
        // Equal lengths: the masked mean over 2B rows is then exactly the mean of the two B-row means.
        var data = new SyntheticBatches(4, 2, equalLengths: true);

        var accumulated = GradientsAfterOneStep(new FixedBatches([[0, 1], [2, 3]], data), gradAccum: 2);
        var large = GradientsAfterOneStep(new FixedBatches([[0, 1, 2, 3]], data), gradAccum: 1);

        Assert.Equal(large.Keys, accumulated.Keys);
        foreach (var (name, value) in large)
            Assert.True(value.allclose(accumulated[name], rtol: 1e-5, atol: 1e-7), $"gradient of {name} differs: max |Δ| = {(value - accumulated[name]).abs().max().item<float>()}");
    }

    [Fact]
    public void An_epoch_with_accumulation_takes_one_optimizer_step_per_N_micro_batches_and_a_short_last_one()
    {
        using var model = TinyTraining.Model();
        var reporter = new RecordingReporter();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(10, 2), reporter, new TrainerOptions { Epochs = 1, GradientAccumulation = 2, LogEvery = 1 });

        trainer.Fit();

        Assert.Equal(3, trainer.Progress.Step);   // 5 micro-batches: 2 + 2 + 1
        Assert.Equal(3, reporter.Steps.Count);
    }

    /// <summary>The (clipped) gradients the first optimizer step applied; they stay on the parameters until the next step.</summary>
    private static Dictionary<string, Tensor> GradientsAfterOneStep(IBatchSource source, int gradAccum)
    {
        using var model = TinyTraining.Model(seed: 3);
        using var trainer = TinyTraining.Trainer(model, source, new RecordingReporter(), new TrainerOptions { Epochs = 1, GradientAccumulation = gradAccum, LogEvery = 1 });
        trainer.Fit();
        Assert.Equal(1, trainer.Progress.Step);
        return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }
}
