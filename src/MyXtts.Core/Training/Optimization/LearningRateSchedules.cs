using System.Globalization;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Core.Training.Optimization;

/// <summary>The schedules of <c>training.scheduler</c>: <c>noam</c>, <c>cosine</c> and <c>constant</c>, all with linear warm-up.</summary>
public static class LearningRateSchedules
{
    /// <summary>The schedule <paramref name="settings"/> names; <paramref name="totalSteps"/> is the cosine horizon.</summary>
    public static ILearningRateSchedule From(TrainingSettings settings, long totalSteps) => settings.Scheduler switch
    {
        "noam" => new NoamSchedule(settings.LearningRate, settings.WarmupSteps),
        "cosine" => new CosineSchedule(settings.LearningRate, settings.MinLearningRate, settings.WarmupSteps, totalSteps),
        "constant" => new ConstantSchedule(settings.LearningRate, settings.WarmupSteps),
        _ => throw new ArgumentException($"training.scheduler '{settings.Scheduler}' is not known; use noam, cosine or constant."),
    };

    internal static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}

/// <summary>
/// "Attention is all you need" schedule scaled so the peak is <c>peak</c>: linear rise over <c>warmup</c> steps, then
/// decay with 1/sqrt(step). lr(s) = peak · min((s+1)/warmup, sqrt(warmup/(s+1))).
/// </summary>
public sealed record NoamSchedule(double Peak, int Warmup) : ILearningRateSchedule
{
    public double At(long step)
    {
        var s = step + 1.0;
        var w = Math.Max(1, Warmup);
        return Peak * Math.Min(s / w, Math.Sqrt(w / s));
    }

    public string Description => $"noam (peak {LearningRateSchedules.Format(Peak)}, warmup {Warmup})";
}

/// <summary>Linear warm-up to <c>peak</c>, then half a cosine down to <c>floor</c> at <c>total</c> steps (floor afterwards).</summary>
public sealed record CosineSchedule(double Peak, double Floor, int Warmup, long Total) : ILearningRateSchedule
{
    public double At(long step)
    {
        if (step < Warmup) return Peak * (step + 1.0) / Warmup;
        var span = Math.Max(1, Total - Warmup);
        var progress = Math.Clamp((step - Warmup) / (double)span, 0, 1);
        return Floor + 0.5 * (Peak - Floor) * (1 + Math.Cos(Math.PI * progress));
    }

    public string Description => $"cosine (peak {LearningRateSchedules.Format(Peak)}, floor {LearningRateSchedules.Format(Floor)}, warmup {Warmup}, {Total} steps)";
}

/// <summary>Linear warm-up to <c>peak</c>, then constant.</summary>
public sealed record ConstantSchedule(double Peak, int Warmup) : ILearningRateSchedule
{
    public double At(long step) => step < Warmup ? Peak * (step + 1.0) / Warmup : Peak;

    public string Description => $"constant ({LearningRateSchedules.Format(Peak)}, warmup {Warmup})";
}
