namespace MyXtts.Core.Training.Optimization;

/// <summary>
/// The learning rate as a pure function of the optimizer step, so a resumed run needs only the step to continue the
/// schedule exactly (its checkpointed "state" is the step and the schedule's description).
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for optimizer step <paramref name="step"/> (0-based).</summary>
    double At(long step);

    /// <summary>Name and parameters, logged at the start and stored in checkpoints.</summary>
    string Description { get; }
}
