using MyXtts.Core.Data.Batching;
using MyXtts.Core.Models;
using MyXtts.Core.Tests.Training;
using MyXtts.Core.Training.Batches;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Speakers.Conditioning;

/// <summary>
/// <see cref="SyntheticBatches"/> whose rows carry a pretrained speaker input for their reference: a waveform made from
/// the utterance's speaker (fine-tuning), or that waveform's embedding by a frozen encoder (computed here, without gradients).
/// </summary>
internal sealed class ConditionedBatches(SyntheticBatches inner, TinyTrainableEncoder? frozen) : IBatchSource
{
    public int Utterances => inner.Utterances;
    public int BatchesPerEpoch => inner.BatchesPerEpoch;

    public IEnumerable<LoadedBatch> Read(int epoch, int startPosition)
    {
        foreach (var loaded in inner.Read(epoch, startPosition))
        {
            var waveforms = Waveforms(loaded.Batch.SpeakerIds);
            var lengths = full(waveforms.shape[0], waveforms.shape[1], dtype: ScalarType.Int64);
            Dictionary<string, Tensor> extra;
            if (frozen is null)
                extra = new() { [ConditioningKeys.ReferenceWaveform] = waveforms, [ConditioningKeys.ReferenceWaveformLengths] = lengths };
            else
            {
                using (no_grad()) extra = new() { [ConditioningKeys.PretrainedSpeakerEmbedding] = frozen.Embed(waveforms, lengths) };
                waveforms.Dispose();
                lengths.Dispose();
            }
            yield return new LoadedBatch(loaded.Batch with { Extra = extra }, loaded.Epoch, loaded.Position);
        }
    }

    /// <summary>[B, 32]: a sine whose pitch is the speaker's.</summary>
    public static Tensor Waveforms(Tensor speakerIds)
    {
        var t = arange(32, dtype: ScalarType.Float32).unsqueeze(0);
        return sin(t * (0.2f + 0.15f * speakerIds.to(ScalarType.Float32).unsqueeze(1)));
    }
}
