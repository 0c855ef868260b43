using System.Globalization;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Core.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// train.py's optimizers: one AdamW for the generator and one for the discriminators, both decayed by ExponentialLR
/// once per epoch. The learning rate is a function of the epoch (<see cref="VocoderTrainerOptions.LearningRateAt"/>), so
/// the scheduler's whole state is the epoch number in the checkpoint.
/// </summary>
public sealed class VocoderOptimizers : IDisposable
{
    private readonly VocoderTrainerOptions _options;

    /// <summary>Creates both optimizers over the trainable parameters of <paramref name="model"/>.</summary>
    public VocoderOptimizers(IVocoderTrainingModel model, VocoderTrainerOptions options)
    {
        _options = options;
        Generator = Create(model.Generator);
        Discriminator = Create(model.Discriminator);
    }

    /// <summary>The generator's optimizer.</summary>
    public OptimizerHelper Generator { get; }

    /// <summary>The discriminators' optimizer.</summary>
    public OptimizerHelper Discriminator { get; }

    /// <summary>For logs: optimizer and schedule.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"2 × AdamW (lr {_options.LearningRate:G4}, betas {_options.Beta1}, {_options.Beta2}; weight decay {_options.WeightDecay})");

    /// <summary>For logs: the schedule.</summary>
    public string Schedule => string.Create(CultureInfo.InvariantCulture, $"exponential (× {_options.LearningRateDecay} per epoch)");

    /// <summary>Sets both learning rates to that of <paramref name="epoch"/>.</summary>
    public void StartEpoch(int epoch)
    {
        OptimizerFactory.SetLearningRate(Generator, _options.LearningRateAt(epoch));
        OptimizerFactory.SetLearningRate(Discriminator, _options.LearningRateAt(epoch));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
    }

    private OptimizerHelper Create(nn.Module module) =>
        optim.AdamW(module.parameters().Where(p => p.requires_grad), _options.LearningRate, _options.Beta1, _options.Beta2, 1e-8, _options.WeightDecay);
}
