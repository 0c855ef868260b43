using MyXtts.Core.Training.Vocoder;

namespace MyXtts.Host.Vocoders;

/// <summary>
/// What stage 2 is asked to do, from <c>myxtts train-vocoder</c>'s flags or <c>train --two-stage-training</c>'s
/// (<see cref="VocoderTrainingFlags"/>). Unset numbers fall back to the configuration (training.epochs, …) or HiFi-GAN's defaults.
/// </summary>
public sealed record VocoderTrainingOptions
{
    /// <summary>Default vocoder plugin.</summary>
    public const string DefaultVocoder = "hifigan";

    /// <summary>Vocoder plugin to train (<c>--vocoder</c>); it must implement ITrainableVocoder.</summary>
    public string Vocoder { get; init; } = DefaultVocoder;
    /// <summary>Architecture (<c>--vocoder-config</c>: V1, V2, V3 or a config.json); null = the plugin's configured one.</summary>
    public string? Config { get; init; }
    /// <summary>Generator weights to fine-tune from (<c>--vocoder-checkpoint</c>): a published g_ file, a generator file or a stage-2 checkpoint.</summary>
    public string? PretrainedGenerator { get; init; }
    /// <summary><c>--stage2-epochs</c>; null = training.epochs.</summary>
    public int? Epochs { get; init; }
    /// <summary><c>--stage2-lr</c>.</summary>
    public double LearningRate { get; init; } = 2e-4;
    /// <summary><c>--stage2-batch-size</c>.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary><c>--stage2-max-audio-seconds</c>: validation clips are cut to this length.</summary>
    public double MaxAudioSeconds { get; init; } = 10;
    /// <summary><c>--segment-size</c>: training segment in samples (a multiple of the hop length).</summary>
    public int SegmentSize { get; init; } = 8192;
    /// <summary><c>--max-steps</c>.</summary>
    public long? MaxSteps { get; init; }
    /// <summary><c>--resume</c> given: continue from <see cref="ResumePath"/>, or the latest checkpoint in &lt;checkpoint-dir&gt;/stage2.</summary>
    public bool Resume { get; init; }
    /// <summary><c>--resume PATH</c>.</summary>
    public string? ResumePath { get; init; }
    /// <summary><c>--val-data</c>: validation dataset; null = data.val_split of the training data.</summary>
    public string? ValidationData { get; init; }
    /// <summary>
    /// The generator's input mel per clip instead of the ground truth — the stage-1 model's teacher-forced prediction
    /// (see <see cref="TeacherForcedMels"/>); the host that ran stage 1 fills it. Null trains on ground-truth mels.
    /// </summary>
    public Func<VocoderClip, float[]>? TeacherForcedMel { get; init; }
}
