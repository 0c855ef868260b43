using MyXtts.Abstractions.Training;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Training.Batches;
using static TorchSharp.torch;

namespace MyXtts.Bench.TrainerMemory;

/// <summary>Fresh batches of random tokens and mels with varying lengths (as a loader makes them: outside any scope, owned by the consumer).</summary>
internal sealed class RandomBatches(int batchesPerEpoch, int batchSize, int nMels, int vocab) : IBatchSource
{
    public int Utterances => batchesPerEpoch * batchSize;
    public int BatchesPerEpoch => batchesPerEpoch;

    public IEnumerable<LoadedBatch> Read(int epoch, int startPosition)
    {
        var random = new Random(epoch);
        for (var p = startPosition; p < batchesPerEpoch; p++)
        {
            var tokens = 8 + random.Next(8);
            var frames = tokens * 4 + random.Next(8);
            var tokenLengths = Enumerable.Range(0, batchSize).Select(_ => (long)(tokens - random.Next(3))).ToArray();
            var frameLengths = Enumerable.Range(0, batchSize).Select(_ => (long)(frames - random.Next(5))).ToArray();
            using var scope = NewDisposeScope();
            var batch = new TrainingBatch
            {
                Ids = Enumerable.Range(0, batchSize).Select(i => $"b{p}_{i}").ToArray(),
                Tokens = randint(4, vocab, [batchSize, tokens]).MoveToOuterDisposeScope(),
                TokenLengths = tensor(tokenLengths).MoveToOuterDisposeScope(),
                Mel = randn(batchSize, nMels, frames).MoveToOuterDisposeScope(),
                MelLengths = tensor(frameLengths).MoveToOuterDisposeScope(),
                SpeakerIds = arange(batchSize, dtype: ScalarType.Int64).remainder(2).MoveToOuterDisposeScope(),   // two voices: the contrastive loss has positives
                ReferenceMel = randn(batchSize, nMels, frames).MoveToOuterDisposeScope(),
                ReferenceMelLengths = tensor(frameLengths).MoveToOuterDisposeScope(),
                Extra = new Dictionary<string, Tensor> { [BatchExtraKeys.Pitch] = (rand(batchSize, frames) * 200 + 80).MoveToOuterDisposeScope() },   // F0 in Hz
            };
            yield return new LoadedBatch(batch, epoch, p);
        }
    }
}
