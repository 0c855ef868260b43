using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models;
using MyXtts.Core.Runtime;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Distributed;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>
/// The training step as <c>myxtts train</c> builds it for the tiny preset: the model of the preset's strategy, the
/// strategy's built-in loss terms with the configured weights, the configured optimizer and schedule, float32 on the CPU,
/// one process, and the product's own <see cref="TrainingStep"/>.
/// </summary>
internal sealed class TrainingSetup : IDisposable
{
    private TrainingSetup(IAcousticModel model, LossSet losses, OptimizerHelper optimizer, TrainingStep step, MyXttsSettings settings) =>
        (Model, Losses, Optimizer, Step, Settings) = (model, losses, optimizer, step, settings);

    public IAcousticModel Model { get; }
    public LossSet Losses { get; }
    public OptimizerHelper Optimizer { get; }
    public TrainingStep Step { get; }
    public MyXttsSettings Settings { get; }

    /// <summary>Builds everything, with the mel statistics taken from <paramref name="batch"/> as the trainer does from its first batch.</summary>
    public static TrainingSetup Create(MyXttsSettings settings, TrainingBatch batch, long horizon)
    {
        manual_seed(settings.Training.Seed);
        var model = AcousticModels.Create(settings.Model, TinyPreset.VocabSize);
        if (model is IDataInitializedModel initialized) initialized.InitializeFrom([batch]);
        model.Module.train();
        // The PyTorch mirror (step_bench.py) has the terms of the model it was written for: mel, alignment, duration,
        // stop and contrastive. The later pitch, energy and voice-similarity terms are left out on both sides.
        var terms = AcousticModels.LossTermNames(settings.Model.DecoderStrategy).Where(Mirrored.Contains).Select(name => (name, Term(name)));
        var losses = new LossSet(LossWeights.Apply(terms, settings.Training.LossWeights));
        var optimizer = OptimizerFactory.Create(model.Module.parameters().Where(p => p.requires_grad), settings.Training);
        var schedule = LearningRateSchedules.From(settings.Training, horizon);
        var precision = PrecisionPolicy.For(MixedPrecisionMode.Off, DeviceType.CPU);
        var step = new TrainingStep(model, losses, optimizer, schedule, precision, precision.CreateLossScaler(), SingleProcessGroup.Instance,
            settings.Training.GradientClipNorm);
        return new TrainingSetup(model, losses, optimizer, step, settings);
    }

    /// <summary>Parameters per top-level module (state-dict prefix) and in all.</summary>
    public Dictionary<string, long> ParameterCounts()
    {
        var counts = Model.Module.named_children().ToDictionary(c => c.name, c => c.module.parameters().Sum(p => p.numel()));
        counts["total"] = Model.Module.parameters().Sum(p => p.numel());
        return counts;
    }

    private static readonly HashSet<string> Mirrored = [MelLoss.Name, AttentionLoss.Name, DurationLoss.Name, StopLoss.Name, SpeakerContrastiveLoss.Name];

    private static ILossTerm Term(string name) => name switch
    {
        MelLoss.Name => new MelLoss(),
        AttentionLoss.Name => new AttentionLoss(),
        DurationLoss.Name => new DurationLoss(),
        StopLoss.Name => new StopLoss(),
        SpeakerContrastiveLoss.Name => new SpeakerContrastiveLoss(),
        _ => throw new NotSupportedException($"The bench does not know the loss term '{name}'; add it to TrainingSetup.Term."),
    };

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
    }
}
