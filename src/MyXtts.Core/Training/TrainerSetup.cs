using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Runtime;
using MyXtts.Core.Text;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Distributed;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Reporting;
using MyXtts.Core.Training.Samples;
using Serilog;
using Serilog.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>Everything a <see cref="Trainer"/> is built from. The model and loss terms are built by the caller, before any dispose scope.</summary>
public sealed record TrainerSetup
{
    public required ITrainableModel Model { get; init; }
    /// <summary>Loss terms with their weights (see <see cref="LossWeights.Apply"/>).</summary>
    public required IReadOnlyList<WeightedLossTerm> LossTerms { get; init; }
    public required IBatchSource Train { get; init; }
    /// <summary>Teacher-forced validation after every epoch; null skips validation (and early stopping).</summary>
    public IBatchSource? Validation { get; init; }
    /// <summary>Optimizer, betas, eps, weight decay and schedule.</summary>
    public required TrainingSettings Settings { get; init; }
    public required TrainerOptions Options { get; init; }
    /// <summary>Utterances per micro-batch (for the summary).</summary>
    public int BatchSize { get; init; }
    public PrecisionPolicy Precision { get; init; } = PrecisionPolicy.For(MixedPrecisionMode.Off, DeviceType.CPU);
    public string Device { get; init; } = "cpu";
    public IProcessGroup ProcessGroup { get; init; } = SingleProcessGroup.Instance;
    /// <summary>Validation samples after each validation (rank 0); null writes none.</summary>
    public IValidationSampler? Samples { get; init; }
    /// <summary>Null writes no checkpoints.</summary>
    public CheckpointStore? Checkpoints { get; init; }
    public ITrainingReporter Reporter { get; init; } = new CompositeReporter();
    /// <summary>The resolved configuration JSON stored in every checkpoint.</summary>
    public string? Configuration { get; init; }
    /// <summary>Stored in checkpoints and checked on resume.</summary>
    public TokenizerDefinition? Tokenizer { get; init; }
    /// <summary>Stored in checkpoints and checked on resume.</summary>
    public MelSettings? Mel { get; init; }
    /// <summary>Times <c>train_step</c>, <c>validate</c> and <c>checkpoint</c>; the null profiler by default.</summary>
    public IOperationProfiler Profiler { get; init; } = NullProfiler.Instance;
    public ILogger Log { get; init; } = Logger.None;
    /// <summary>
    /// The network of a fine-tuned (unfrozen) pretrained speaker encoder: a second parameter group at
    /// <c>training.speaker_encoder_learning_rate</c>, stored in every checkpoint and restored on resume. Null when there is
    /// none or it is frozen (then it has no gradient and no optimizer state).
    /// </summary>
    public nn.Module? SpeakerEncoder { get; init; }
    /// <summary>The pretrained speaker encoder as used (or its fallback), recorded in every checkpoint.</summary>
    public SpeakerEncoderRecord? SpeakerEncoderRecord { get; init; }
    /// <summary>Evaluates the checkpoint written after each epoch and at the end (rank 0); null evaluates nothing.</summary>
    public ICheckpointEvaluator? Evaluator { get; init; }
}
