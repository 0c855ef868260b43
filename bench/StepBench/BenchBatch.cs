using MyXtts.Abstractions.Training;
using MyXtts.Checkpoints.Safetensors;
using static TorchSharp.torch;

/// <summary>
/// One fixed synthetic training batch with realistic shapes: token lengths 40–80, mel lengths about 5 frames per token
/// (150–400), reference mels of 150–258 frames (the 3 s crop training uses), 4 speakers × 4 rows so that every row has
/// positives for the contrastive loss. Log-mel values are Gaussian around −5 (the range of real log-mels); the values do
/// not change the cost of any operation, the shapes do.
/// </summary>
internal static class BenchBatch
{
    public static TrainingBatch Create(int batch, int vocabSize, long seed, int nMels = 80)
    {
        var random = new Random((int)seed);
        manual_seed(seed);
        var tokenLengths = Enumerable.Range(0, batch).Select(_ => (long)random.Next(40, 81)).ToArray();
        var melLengths = tokenLengths.Select(l => Math.Clamp(l * 5 + random.Next(-20, 21), 150L, 400L)).ToArray();
        var referenceLengths = Enumerable.Range(0, batch).Select(_ => (long)random.Next(150, 259)).ToArray();
        var (maxTokens, maxFrames, maxReference) = (tokenLengths.Max(), melLengths.Max(), referenceLengths.Max());
        var tokens = zeros(batch, maxTokens, dtype: ScalarType.Int64);
        for (var b = 0; b < batch; b++) tokens[b, ..(int)tokenLengths[b]] = randint(4, vocabSize, [tokenLengths[b]]);
        return new TrainingBatch
        {
            Ids = Enumerable.Range(0, batch).Select(i => $"bench_{i}").ToArray(),
            Tokens = tokens,
            TokenLengths = tensor(tokenLengths),
            Mel = Padded(randn(batch, nMels, maxFrames) * 2 - 5, melLengths),
            MelLengths = tensor(melLengths),
            SpeakerIds = tensor(Enumerable.Range(0, batch).Select(i => (long)(i % 4)).ToArray()),
            ReferenceMel = Padded(randn(batch, nMels, maxReference) * 2 - 5, referenceLengths),
            ReferenceMelLengths = tensor(referenceLengths),
        };
    }

    /// <summary>Writes the batch's tensors (the names step_bench.py reads).</summary>
    public static void Save(TrainingBatch batch, string path) => SafetensorsFile.Write(path, new Dictionary<string, Tensor>
    {
        ["tokens"] = batch.Tokens, ["token_lengths"] = batch.TokenLengths, ["mel"] = batch.Mel, ["mel_lengths"] = batch.MelLengths,
        ["speaker_ids"] = batch.SpeakerIds, ["reference_mel"] = batch.ReferenceMel, ["reference_lengths"] = batch.ReferenceMelLengths,
    }, order: SafetensorsOrder.ByName);

    /// <summary>Zeroes each row after its length, as the data pipeline pads.</summary>
    private static Tensor Padded(Tensor x, long[] lengths)
    {
        var valid = arange(x.shape[2]).unsqueeze(0) < tensor(lengths).unsqueeze(1);   // [B, T]
        return x * valid.unsqueeze(1).to(x.dtype);
    }
}
