using MyXtts.Abstractions.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// What the trainer needs from a model: its module (parameters, train/eval mode, state dict) and a teacher-forced
/// forward pass. Loss terms read the outputs; the trainer never looks inside.
/// </summary>
public interface ITrainableModel : IDisposable
{
    /// <summary>The module holding every trainable parameter and buffer; its state dict is what checkpoints store.</summary>
    nn.Module Module { get; }

    /// <summary>One line naming the architecture and its size (logged at start, stored in checkpoints).</summary>
    string Description { get; }

    /// <summary>Teacher-forced forward pass; output tensors belong to the caller's dispose scope.</summary>
    ModelOutputs Forward(TrainingBatch batch);
}
