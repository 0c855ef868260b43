using MyXtts.Core.Data.Batching;
using MyXtts.Core.Training.Batches;

namespace MyXtts.Core.Tests.Training;

/// <summary>Batches of fixed utterance lists, same every epoch.</summary>
internal sealed class FixedBatches(int[][] plan, SyntheticBatches data) : IBatchSource
{
    public int Utterances => plan.Sum(b => b.Length);
    public int BatchesPerEpoch => plan.Length;
    public IEnumerable<LoadedBatch> Read(int epoch, int startPosition) =>
        plan.Skip(startPosition).Select((items, i) => data.Collate(items, epoch, startPosition + i));
}
