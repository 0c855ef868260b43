using MyXtts.Abstractions.Training;
using MyXtts.Core.Data.Cache;
using MyXtts.Core.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Data.Batching;

/// <summary>
/// Pads a list of utterances into one <see cref="TrainingBatch"/>: tokens padded with the pad id, log-mels padded with
/// the log of the clamp floor (digital silence), lengths exact, and each utterance's reference mel taken from the
/// utterance <see cref="ReferencePicker"/> chooses, cropped to at most <c>maxReferenceFrames</c> from a deterministic offset.
/// When the features carry an F0 track, it goes into <c>Extra[</c><see cref="BatchExtraKeys.Pitch"/><c>]</c> [B, T], padded with 0 (unvoiced);
/// <paramref name="conditioning"/> adds that reference's pretrained speaker inputs to <c>Extra</c>.
/// </summary>
public sealed class BatchCollator(IUtteranceSource source, ReferencePicker references, IReadOnlyList<string> speakerNames,
    float melPadValue, int maxReferenceFrames, int seed, IReferenceConditioning? conditioning = null)
{
    private readonly Dictionary<string, int> _speakerIndex = speakerNames.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);

    /// <summary>Collates <paramref name="indices"/>; tensors are created outside any dispose scope and owned by the result.</summary>
    public LoadedBatch Collate(IReadOnlyList<int> indices, int epoch, int position, Func<int, FeatureSet>? features = null)
    {
        features ??= source.Features;
        var b = indices.Count;
        var tokens = indices.Select(source.Tokens).ToArray();
        var mels = indices.Select(features).ToArray();
        var refIndices = indices.Select(i => references.Pick(i, epoch)).ToArray();
        var refs = refIndices.Select(features).ToArray();
        var nMels = mels[0].Arrays[FeatureSet.Mel].Shape[0];

        var maxTokens = tokens.Max(t => t.Length);
        var tokenData = new long[b * maxTokens];   // zero = TokenizerDefinition.PadId
        for (var r = 0; r < b; r++)
            for (var j = 0; j < tokens[r].Length; j++) tokenData[r * maxTokens + j] = tokens[r][j];

        var ids = indices.Select(source.Id).ToArray();
        var (melData, melLengths, maxFrames) = PadMels(mels, ids, nMels, null, 0);
        var refCrops = refs.Select((f, r) => CropStart(f.Frames, indices[r], epoch)).ToArray();
        var (refData, refLengths, maxRef) = PadMels(refs, refIndices.Select(source.Id).ToArray(), nMels, refCrops, maxReferenceFrames);

        using var scope = NewDisposeScope();
        var batch = new TrainingBatch
        {
            Ids = ids,
            Tokens = tensor(tokenData, [b, maxTokens]).MoveToOuterDisposeScope(),
            TokenLengths = tensor(tokens.Select(t => (long)t.Length).ToArray()).MoveToOuterDisposeScope(),
            Mel = tensor(melData, [b, nMels, maxFrames]).MoveToOuterDisposeScope(),
            MelLengths = tensor(melLengths).MoveToOuterDisposeScope(),
            SpeakerIds = tensor(indices.Select(i => (long)_speakerIndex[source.Speaker(i)]).ToArray()).MoveToOuterDisposeScope(),
            ReferenceMel = tensor(refData, [b, nMels, maxRef]).MoveToOuterDisposeScope(),
            ReferenceMelLengths = tensor(refLengths).MoveToOuterDisposeScope(),
            Extra = ExtraTensors(mels, ids, maxFrames, refIndices, epoch),
        };
        return new LoadedBatch(batch, epoch, position);
    }

    private int CropStart(int frames, int index, int epoch)
    {
        if (maxReferenceFrames <= 0 || frames <= maxReferenceFrames) return 0;
        return (int)(StableRandom.Mix((ulong)(uint)seed, (ulong)(uint)epoch, (ulong)(uint)index, 0xCB) % (ulong)(frames - maxReferenceFrames + 1));
    }

    /// <summary>The batch's extra tensors: the padded F0 track (when the features have one) and the references' pretrained speaker inputs.</summary>
    private Dictionary<string, Tensor> ExtraTensors(FeatureSet[] mels, string[] ids, int maxFrames, int[] refIndices, int epoch)
    {
        var extra = conditioning?.For(refIndices, epoch).ToDictionary(kv => kv.Key, kv => kv.Value.MoveToOuterDisposeScope()) ?? new Dictionary<string, Tensor>();
        if (PadPitch(mels, ids, maxFrames) is { } pitch) extra[BatchExtraKeys.Pitch] = tensor(pitch, [mels.Length, maxFrames]).MoveToOuterDisposeScope();
        return extra;
    }

    /// <summary>[B·T] F0 rows padded with 0, or null when no utterance has a track; a batch with only some tracks means a stale cache.</summary>
    private static float[]? PadPitch(FeatureSet[] sets, string[] ids, int maxFrames)
    {
        var tracked = sets.Count(s => s.Arrays.ContainsKey(FeatureSet.Pitch));
        if (tracked == 0) return null;
        if (tracked < sets.Length)
            throw new InvalidDataException($"utterance '{ids[Array.FindIndex(sets, s => !s.Arrays.ContainsKey(FeatureSet.Pitch))]}' has no pitch track while others in its batch do; clear the feature cache (data.cache_dir) so every clip is extracted the same way");
        var data = new float[sets.Length * maxFrames];
        for (var r = 0; r < sets.Length; r++)
        {
            var (shape, f0) = sets[r].Arrays[FeatureSet.Pitch];
            if (shape[0] != sets[r].Frames) throw new InvalidDataException($"utterance '{ids[r]}' has {shape[0]} pitch frames for {sets[r].Frames} mel frames; clear the feature cache");
            Array.Copy(f0, 0, data, r * maxFrames, shape[0]);
        }
        return data;
    }

    private (float[] Data, long[] Lengths, int MaxFrames) PadMels(FeatureSet[] sets, string[] ids, int nMels, int[]? starts, int cap)
    {
        var lengths = sets.Select(s => (long)(cap > 0 ? Math.Min(cap, s.Frames) : s.Frames)).ToArray();
        var max = (int)lengths.Max();
        var data = new float[sets.Length * nMels * max];
        Array.Fill(data, melPadValue);
        for (var r = 0; r < sets.Length; r++)
        {
            var (shape, mel) = sets[r].Arrays[FeatureSet.Mel];
            if (shape[0] != nMels) throw new InvalidDataException($"utterance '{ids[r]}' has {shape[0]} mel bands, expected {nMels}; clear the feature cache");
            var start = starts?[r] ?? 0;
            for (var m = 0; m < nMels; m++)
                Array.Copy(mel, m * shape[1] + start, data, (r * nMels + m) * max, lengths[r]);
        }
        return (data, lengths, max);
    }
}
