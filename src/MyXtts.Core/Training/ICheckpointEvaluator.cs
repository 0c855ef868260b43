namespace MyXtts.Core.Training;

/// <summary>A checkpoint the trainer has just written: after an epoch, or the last one of the run.</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="Epoch">Epochs completed (1 after the first epoch).</param>
/// <param name="Checkpoint">The file.</param>
/// <param name="Final">True for the checkpoint that ends the run (completed, max steps or early stop; not Ctrl-C).</param>
public sealed record CheckpointWritten(long Step, int Epoch, string Checkpoint, bool Final);

/// <summary>
/// Evaluates checkpoints while training runs (rank 0, on the training thread, after the checkpoint is on disk): e.g.
/// synthesis metrics with <c>--enable-evaluation</c>. It only observes: the trainer logs a failure and goes on, and the
/// evaluator must leave torch's random state as it found it so that training continues exactly as without it.
/// </summary>
public interface ICheckpointEvaluator
{
    /// <summary>
    /// Called after each epoch's checkpoint and again at the end of the run (possibly for the same step: the evaluator
    /// decides itself whether a checkpoint is due and skips one it has already evaluated).
    /// </summary>
    void Evaluate(CheckpointWritten checkpoint);
}
