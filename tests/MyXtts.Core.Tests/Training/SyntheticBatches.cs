using MyXtts.Abstractions.Training;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Training.Batches;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

/// <summary>
/// A learnable toy dataset: utterance u has tokens drawn from a fixed seed and a mel whose frames are a smooth function of
/// the token they align to (uniformly), so the baseline model can fit it. Batches depend only on (epoch, position), never
/// on torch's generator, as a real loader's do. With <c>equalLengths</c> every row has the same length, which makes a
/// batch of 2B exactly the mean of two batches of B (what the accumulation test needs).
/// </summary>
internal sealed class SyntheticBatches(int utterances, int batchSize, int nMels = 8, bool equalLengths = false, int vocab = 12) : IBatchSource
{
    public int Utterances => utterances;
    public int BatchesPerEpoch => utterances / batchSize;
    public int Reads;

    /// <summary>Batch order shuffles per epoch; position p of epoch e holds the same utterances in every process.</summary>
    public IEnumerable<LoadedBatch> Read(int epoch, int startPosition)
    {
        Reads++;
        var order = Enumerable.Range(0, utterances).ToArray();
        new Random(1000 + epoch).Shuffle(order);
        for (var p = startPosition; p < BatchesPerEpoch; p++)
            yield return Collate(order.Skip(p * batchSize).Take(batchSize).ToArray(), epoch, p);
    }

    /// <summary>The batch of exactly these utterances.</summary>
    public LoadedBatch Collate(int[] items, int epoch = 0, int position = 0)
    {
        var tokens = items.Select(Tokens).ToArray();
        var frames = items.Select(u => tokens[Array.IndexOf(items, u)].Length * 3).ToArray();
        int maxTokens = tokens.Max(t => t.Length), maxFrames = frames.Max(), b = items.Length;
        var tokenData = new long[b * maxTokens];
        var mel = new float[b * nMels * maxFrames];
        Array.Fill(mel, -5f);
        for (var r = 0; r < b; r++)
        {
            for (var j = 0; j < tokens[r].Length; j++) tokenData[r * maxTokens + j] = tokens[r][j];
            for (var t = 0; t < frames[r]; t++)
            {
                var token = tokens[r][(int)((t + 0.5) * tokens[r].Length / frames[r])];
                for (var m = 0; m < nMels; m++) mel[(r * nMels + m) * maxFrames + t] = MathF.Sin(token * (m + 1) * 0.37f) + 0.1f * (items[r] % 3);
            }
        }
        var batch = new TrainingBatch
        {
            Ids = items.Select(i => $"u{i}").ToArray(),
            Tokens = tensor(tokenData, [b, maxTokens]),
            TokenLengths = tensor(tokens.Select(t => (long)t.Length).ToArray()),
            Mel = tensor(mel, [b, nMels, maxFrames]),
            MelLengths = tensor(frames.Select(f => (long)f).ToArray()),
            SpeakerIds = tensor(items.Select(i => (long)(i % 3)).ToArray()),
            ReferenceMel = tensor(mel, [b, nMels, maxFrames]),
            ReferenceMelLengths = tensor(frames.Select(f => (long)f).ToArray()),
        };
        return new LoadedBatch(batch, epoch, position);
    }

    private int[] Tokens(int utterance)
    {
        var random = new Random(utterance);
        var length = equalLengths ? 6 : 4 + random.Next(5);
        return Enumerable.Range(0, length).Select(_ => 4 + random.Next(vocab - 4)).ToArray();
    }
}
