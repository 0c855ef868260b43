using MyXtts.Abstractions.Training;

namespace MyXtts.Abstractions.Losses;

/// <summary>What a loss term sees: the batch, the model's outputs and the optimizer step about to be taken.</summary>
public sealed record LossContext(TrainingBatch Batch, ModelOutputs Outputs, long Step);
