using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using TorchSharp;

namespace MyXtts.Host.Tests.Plugins;

/// <summary>A one-utterance batch whose predicted mel is all ones and target all zeros (so L1 = 1).</summary>
internal static class TinyBatch
{
    public static LossContext LossContext()
    {
        var target = torch.zeros(1, 2, 3);          // [B, n_mels, T]
        var lengths = torch.tensor(new long[] { 3 });
        var batch = new TrainingBatch
        {
            Ids = ["utt1"],
            Tokens = torch.zeros(1, 2, dtype: torch.int64),
            TokenLengths = torch.tensor(new long[] { 2 }),
            Mel = target,
            MelLengths = lengths,
            SpeakerIds = torch.tensor(new long[] { 0 }),
            ReferenceMel = target,
            ReferenceMelLengths = lengths,
        };
        var predicted = torch.ones(1, 2, 3);
        return new LossContext(batch, new ModelOutputs { Mel = predicted, MelPostnet = predicted }, Step: 1);
    }
}
