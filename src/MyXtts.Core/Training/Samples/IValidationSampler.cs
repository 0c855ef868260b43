using MyXtts.Core.Training.Batches;

namespace MyXtts.Core.Training.Samples;

/// <summary>
/// Listens to the model after each validation: called by the trainer on rank 0 with the model and the validation split,
/// after the teacher-forced losses. Implementations restore nothing: the trainer puts the model back in training mode.
/// </summary>
public interface IValidationSampler
{
    /// <summary>Writes the samples of optimizer step <paramref name="step"/>.</summary>
    void Write(long step, ITrainableModel model, IBatchSource validation);
}
