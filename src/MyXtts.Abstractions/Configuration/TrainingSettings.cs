using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MyXtts.Abstractions.Configuration;

/// <summary>Optimisation, schedule, losses and checkpointing (<c>training.*</c>), after the original's <c>TrainingConfig</c>.</summary>
public sealed record TrainingSettings
{
    /// <summary>Passes over the training split.</summary>
    [ConfigurationKeyName("epochs"), Range(1, 1_000_000)]
    public int Epochs { get; init; } = 1000;

    /// <summary>Peak learning rate.</summary>
    [ConfigurationKeyName("learning_rate"), Range(1e-8, 1.0)]
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>
    /// Peak learning rate of the pretrained speaker encoder when it is fine-tuned (<c>model.freeze_speaker_encoder=false</c>);
    /// it follows the same schedule as <see cref="LearningRate"/>, scaled by the ratio of the two.
    /// </summary>
    [ConfigurationKeyName("speaker_encoder_learning_rate"), Range(1e-10, 1.0)]
    public double SpeakerEncoderLearningRate { get; init; } = 1e-5;

    /// <summary>Linear warm-up steps.</summary>
    [ConfigurationKeyName("warmup_steps"), Range(0, 10_000_000)]
    public int WarmupSteps { get; init; } = 4000;

    /// <summary>Decoupled weight decay (AdamW) or L2 penalty (Adam).</summary>
    [ConfigurationKeyName("weight_decay"), Range(0.0, 1.0)]
    public double WeightDecay { get; init; } = 1e-6;

    /// <summary>Global gradient-norm clip; 0 disables clipping.</summary>
    [ConfigurationKeyName("gradient_clip_norm"), Range(0.0, 1e6)]
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>Micro-batches accumulated per optimizer step.</summary>
    [ConfigurationKeyName("gradient_accumulation_steps"), Range(1, 4096)]
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary><c>adamw</c>, <c>adam</c> or <c>sgd</c> (plain SGD with L2 weight decay; the betas and eps are unused).</summary>
    [ConfigurationKeyName("optimizer"), AllowedValues("adamw", "adam", "sgd")]
    public string Optimizer { get; init; } = "adamw";

    /// <summary>Adam beta1.</summary>
    [ConfigurationKeyName("beta1"), Range(0.0, 0.999999)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam beta2.</summary>
    [ConfigurationKeyName("beta2"), Range(0.0, 0.999999)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam epsilon.</summary>
    [ConfigurationKeyName("eps"), Range(1e-12, 1e-2)]
    public double Eps { get; init; } = 1e-8;

    /// <summary>Learning-rate schedule: <c>noam</c>, <c>cosine</c> (warm-up then cosine to <see cref="MinLearningRate"/>) or <c>constant</c>.</summary>
    [ConfigurationKeyName("scheduler"), AllowedValues("noam", "cosine", "constant")]
    public string Scheduler { get; init; } = "noam";

    /// <summary>Floor of the cosine schedule.</summary>
    [ConfigurationKeyName("min_learning_rate"), Range(0.0, 1.0)]
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>
    /// Weight of each loss term by name (<c>training.loss_weights.&lt;name&gt;</c>). The original's
    /// <c>training.&lt;name&gt;_loss_weight</c> keys (e.g. <c>mel_loss_weight</c>) land here as <c>&lt;name&gt;</c>.
    /// Mel, attention (the alignment prior) and duration weigh the same, as in RAD-TTS-style aligners: the token means get
    /// their gradient only from the attention term, and the original's mel 35 / attention 0.1 left the alignment loss
    /// rising while WER stalled (docs/quality.md, second run). The contrastive term is a light regulariser.
    /// </summary>
    [ConfigurationKeyName("loss_weights")]
    public IReadOnlyDictionary<string, double> LossWeights { get; init; } = new Dictionary<string, double>
    {
        ["mel"] = 1.0, ["kl"] = 1.0, ["duration"] = 1.0, ["attention"] = 1.0, ["speaker_contrastive"] = 0.05, ["pitch"] = 0.1, ["energy"] = 0.1,
        ["voice_similarity"] = 3.0, ["speaker_classification"] = 1.5, ["voice_reconstruction"] = 2.0,
        ["prosody_matching"] = 1.0, ["spectral_consistency"] = 1.5,
    };

    /// <summary>Validations in a row without improvement before stopping (see <see cref="ValStep"/>); 0 disables early stopping.</summary>
    [ConfigurationKeyName("early_stopping_patience"), Range(0, 1_000_000)]
    public int EarlyStoppingPatience { get; init; } = 25;

    /// <summary>Smallest validation-loss decrease that counts as improvement.</summary>
    [ConfigurationKeyName("early_stopping_min_delta"), Range(0.0, 1e6)]
    public double EarlyStoppingMinDelta { get; init; } = 0.0005;

    /// <summary>Steps between checkpoints.</summary>
    [ConfigurationKeyName("save_step"), Range(1, 100_000_000)]
    public int SaveStep { get; init; } = 25000;

    /// <summary>Folder of checkpoints (relative paths are relative to the run folder).</summary>
    [ConfigurationKeyName("checkpoint_dir")]
    public string CheckpointDir { get; init; } = "checkpoints";

    /// <summary>Optimizer steps between validations, besides the one after every epoch; 0 validates after epochs only.</summary>
    [ConfigurationKeyName("val_step"), Range(0, 100_000_000)]
    public int ValStep { get; init; } = 5000;

    /// <summary>
    /// Held-out utterances synthesized after every validation into <c>&lt;run&gt;/samples/step-N/</c> (WAV through
    /// Griffin-Lim, mel and alignment PNGs) and the metrics sinks; 0 turns samples off.
    /// </summary>
    [ConfigurationKeyName("validation_samples"), Range(0, 100)]
    public int ValidationSamples { get; init; } = 3;

    /// <summary>Steps between training log lines (reading a loss value synchronises the device).</summary>
    [ConfigurationKeyName("log_step"), Range(1, 100_000_000)]
    public int LogStep { get; init; } = 100;

    /// <summary>Seed of torch's random generators (weights init, dropout, shuffling).</summary>
    [ConfigurationKeyName("seed")]
    public long Seed { get; init; } = 42;

    /// <summary>
    /// Seconds one collective of a distributed run (gradient all-reduce, broadcast, barrier) may wait for the other ranks
    /// before every rank is ended with exit code 4; must exceed rank 0's validation and checkpoint time. Unused with one process.
    /// </summary>
    [ConfigurationKeyName("distributed_timeout"), Range(1, 604_800)]
    public int DistributedTimeout { get; init; } = 1800;

    /// <summary>Debug mode: autograd anomaly detection, synchronous CUDA kernels and deterministic algorithms (slow).</summary>
    [ConfigurationKeyName("enable_eager_debug")]
    public bool EnableEagerDebug { get; init; }
}
