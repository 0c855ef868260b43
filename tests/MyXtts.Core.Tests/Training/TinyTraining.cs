using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Losses;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Models;
using MyXtts.Core.Training.Reporting;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

/// <summary>Builds small, fast training runs of the baseline model on <see cref="SyntheticBatches"/>.</summary>
internal static class TinyTraining
{
    public static readonly TrainingSettings Settings = new()
    {
        LearningRate = 1e-2, WarmupSteps = 2, Scheduler = "constant", WeightDecay = 0.01, GradientClipNorm = 1.0,
    };

    public static BaselineConvModel Model(long seed = 7, double dropout = 0.0)
    {
        set_num_threads(1);   // tiny tensors: a second intra-op thread only adds synchronisation (and the CI cores are shared)
        manual_seed(seed);
        return new BaselineConvModel(new BaselineConvOptions { VocabSize = 12, NMels = 8, Channels = 16, Layers = 2, KernelSize = 3, Dropout = dropout });
    }

    public static IReadOnlyList<WeightedLossTerm> MelLossOnly() => [new(MelLoss.Name, new MelLoss(), 1.0, "test")];

    public static Trainer Trainer(ITrainableModel model, IBatchSource train, ITrainingReporter reporter, TrainerOptions? options = null,
        IBatchSource? validation = null, CheckpointStore? checkpoints = null, IReadOnlyList<WeightedLossTerm>? losses = null) =>
        new(new TrainerSetup
        {
            Model = model, LossTerms = losses ?? MelLossOnly(), Train = train, Validation = validation, Settings = Settings,
            Options = options ?? new TrainerOptions { Epochs = 1, LogEvery = 1 }, Reporter = reporter, Checkpoints = checkpoints,
        });

    public static CheckpointStore Store(string directory, int keepLast = 3) => new(directory, keepLast, Logger.None);

    /// <summary>Same shape and bit-identical values.</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && (a == b).all().item<bool>();

    /// <summary>Every parameter and buffer, cloned, by name.</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
}
