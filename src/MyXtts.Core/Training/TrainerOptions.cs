using MyXtts.Abstractions.Configuration;

namespace MyXtts.Core.Training;

/// <summary>How long and how a run trains, beyond the optimizer settings (which come from <see cref="TrainingSettings"/>).</summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training split.</summary>
    public int Epochs { get; init; } = 1;
    /// <summary>Stop (with a checkpoint) after this many optimizer steps; null for no limit (<c>--max-steps</c>).</summary>
    public long? MaxSteps { get; init; }
    /// <summary>Micro-batches per optimizer step (<c>--grad-accum</c>).</summary>
    public int GradientAccumulation { get; init; } = 1;
    /// <summary>Optimizer steps between log lines and metrics (each read synchronises the device).</summary>
    public int LogEvery { get; init; } = 100;
    /// <summary>Optimizer steps between checkpoints (one is also written after every epoch).</summary>
    public int SaveEvery { get; init; } = 25_000;
    /// <summary>Step checkpoints kept (besides <c>best.ckpt</c>).</summary>
    public int KeepLast { get; init; } = 3;
    /// <summary>Non-finite steps in a row after which the run stops.</summary>
    public int MaxConsecutiveNonFinite { get; init; } = 20;
    /// <summary>Optimizer steps between validations besides the one after every epoch (<c>training.val_step</c>); 0 validates after epochs only.</summary>
    public int ValidateEvery { get; init; }
    /// <summary>Validations in a row without improvement before stopping; 0 disables early stopping.</summary>
    public int EarlyStoppingPatience { get; init; }
    /// <summary>Smallest validation-loss decrease that counts as improvement.</summary>
    public double EarlyStoppingMinDelta { get; init; }
    /// <summary>Global gradient-norm clip; 0 measures without clipping.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>The options <paramref name="settings"/> describe.</summary>
    public static TrainerOptions From(TrainingSettings settings, long? maxSteps = null) => new()
    {
        Epochs = settings.Epochs,
        MaxSteps = maxSteps,
        GradientAccumulation = settings.GradientAccumulationSteps,
        LogEvery = settings.LogStep,
        SaveEvery = settings.SaveStep,
        ValidateEvery = settings.ValStep,
        EarlyStoppingPatience = settings.EarlyStoppingPatience,
        EarlyStoppingMinDelta = settings.EarlyStoppingMinDelta,
        GradientClipNorm = settings.GradientClipNorm,
    };
}
