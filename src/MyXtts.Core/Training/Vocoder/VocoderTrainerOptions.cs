using System.Globalization;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// How stage 2 trains. The defaults are jik876/hifi-gan's train.py and config_v1.json: AdamW lr 2e-4, betas 0.8/0.99,
/// learning rate × 0.999 after every epoch, segments of 8192 samples, batch 16.
/// </summary>
public sealed record VocoderTrainerOptions
{
    /// <summary>Passes over the training clips (<c>--stage2-epochs</c>).</summary>
    public int Epochs { get; init; } = 1;
    /// <summary>Stop (with a checkpoint) after this many steps in all (<c>--max-steps</c>); null for no limit.</summary>
    public long? MaxSteps { get; init; }
    /// <summary>Segments per step (<c>--stage2-batch-size</c>).</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>Initial learning rate of both optimizers (<c>--stage2-lr</c>).</summary>
    public double LearningRate { get; init; } = 2e-4;
    /// <summary>AdamW β1.</summary>
    public double Beta1 { get; init; } = 0.8;
    /// <summary>AdamW β2.</summary>
    public double Beta2 { get; init; } = 0.99;
    /// <summary>AdamW weight decay (torch's default, which train.py keeps).</summary>
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>ExponentialLR γ: the learning rate of epoch e is lr · γ^e.</summary>
    public double LearningRateDecay { get; init; } = 0.999;
    /// <summary>Training segment length in samples; a multiple of the hop length.</summary>
    public int SegmentSize { get; init; } = 8192;
    /// <summary>Validation clips are cut to this many seconds (<c>--stage2-max-audio-seconds</c>).</summary>
    public double MaxValidationSeconds { get; init; } = 10;
    /// <summary>Validation clips written as WAV (and sent to audio-capable sinks) per epoch.</summary>
    public int ValidationWavs { get; init; } = 4;
    /// <summary>Steps between log lines and metrics (each read synchronises the device).</summary>
    public int LogEvery { get; init; } = 100;
    /// <summary>Steps between checkpoints (one is also written after every epoch).</summary>
    public int SaveEvery { get; init; } = 5000;
    /// <summary>Step checkpoints kept (besides <c>best.ckpt</c>).</summary>
    public int KeepLast { get; init; } = 3;
    /// <summary>Seed of the segment order and offsets (a function of seed, epoch and position, so resume is exact).</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>Throws <see cref="ArgumentException"/> naming the flag to fix.</summary>
    public void Validate(int hopLength)
    {
        string Invalid(string flag, object value, string rule) => string.Create(CultureInfo.InvariantCulture, $"{flag} is {value}; {rule}.");
        if (Epochs < 1) throw new ArgumentException(Invalid("--stage2-epochs", Epochs, "give 1 or more"));
        if (BatchSize < 1) throw new ArgumentException(Invalid("--stage2-batch-size", BatchSize, "give 1 or more (HiFi-GAN V1 uses 16)"));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException(Invalid("--stage2-lr", LearningRate, "give a positive learning rate such as 2e-4"));
        if (!(MaxValidationSeconds > 0)) throw new ArgumentException(Invalid("--stage2-max-audio-seconds", MaxValidationSeconds, "give a positive number of seconds such as 10"));
        if (MaxSteps is < 1) throw new ArgumentException(Invalid("--max-steps", MaxSteps, "give 1 or more"));
        if (SegmentSize < hopLength || SegmentSize % hopLength != 0)
            throw new ArgumentException(Invalid("--segment-size", SegmentSize, $"it must be a positive multiple of the hop length {hopLength} (HiFi-GAN: 8192)"));
        if (LogEvery < 1 || SaveEvery < 1 || KeepLast < 1)
            throw new ArgumentException("training.log_step, training.save_step and the kept checkpoints must all be 1 or more.");
    }

    /// <summary>The learning rate of <paramref name="epoch"/> (0-based): lr · γ^epoch, as ExponentialLR stepped once per epoch.</summary>
    public double LearningRateAt(int epoch) => LearningRate * Math.Pow(LearningRateDecay, epoch);
}
