using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Profiling;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;
using Serilog;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>Everything a <see cref="VocoderTrainer"/> is built from. The model and loss terms are built by the caller, before any dispose scope.</summary>
public sealed record VocoderTrainerSetup
{
    /// <summary>The plugin's generator and discriminators (moved to <see cref="Device"/> by the trainer).</summary>
    public required IVocoderTrainingModel Model { get; init; }
    /// <summary>Name of the vocoder plugin (stored in checkpoints).</summary>
    public required string VocoderName { get; init; }
    /// <summary>Weighted loss terms of both phases.</summary>
    public required VocoderLossSet Losses { get; init; }
    /// <summary>Training clips (random segments are drawn from them).</summary>
    public required IVocoderClipSource Train { get; init; }
    /// <summary>Validation clips (whole, capped); null or empty skips validation.</summary>
    public IVocoderClipSource? Validation { get; init; }
    /// <summary>The run's mel definition.</summary>
    public required MelSettings Mel { get; init; }
    public required VocoderTrainerOptions Options { get; init; }
    public Device Device { get; init; } = CPU;
    /// <summary>The stage-2 checkpoint folder; null writes no checkpoints.</summary>
    public CheckpointStore? Checkpoints { get; init; }
    /// <summary>Where validation WAVs and mel-L1 files go (one folder per epoch); null writes none.</summary>
    public string? SamplesDirectory { get; init; }
    public ITrainingReporter Reporter { get; init; } = new CompositeReporter();
    /// <summary>Metrics sinks that accept audio (validation samples).</summary>
    public IReadOnlyList<IAudioMetricsSink> AudioSinks { get; init; } = [];
    /// <summary>The resolved configuration JSON stored in every checkpoint.</summary>
    public string? Configuration { get; init; }
    /// <summary>Times <c>train_step</c>, <c>validate</c> and <c>checkpoint</c>.</summary>
    public IOperationProfiler Profiler { get; init; } = NullProfiler.Instance;
    public ILogger Log { get; init; } = Logger.None;
}
