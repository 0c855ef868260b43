using MyXtts.Abstractions.Training;

namespace MyXtts.Core.Data.Batching;

/// <summary>
/// A collated batch that owns its tensors. The loader builds it off the training thread, outside any dispose scope, so
/// the consumer disposes it when the step is done.
/// </summary>
public sealed class LoadedBatch(TrainingBatch batch, int epoch, int position) : IDisposable
{
    /// <summary>The tensors.</summary>
    public TrainingBatch Batch { get; } = batch;

    /// <summary>Epoch the batch belongs to.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Index of the batch within the epoch's plan (the data-order position saved in checkpoints).</summary>
    public int Position { get; } = position;

    /// <inheritdoc />
    public void Dispose()
    {
        Batch.Tokens.Dispose();
        Batch.TokenLengths.Dispose();
        Batch.Mel.Dispose();
        Batch.MelLengths.Dispose();
        Batch.SpeakerIds.Dispose();
        Batch.ReferenceMel.Dispose();
        Batch.ReferenceMelLengths.Dispose();
        foreach (var t in Batch.Extra.Values) t.Dispose();
    }
}
