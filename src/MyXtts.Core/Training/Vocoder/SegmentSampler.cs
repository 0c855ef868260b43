using MyXtts.Core.Data.Batching;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// Random fixed-length segments, as HiFi-GAN's MelDataset draws them: each epoch visits the clips in a shuffled order
/// (incomplete last batch dropped), and each clip contributes <c>segment</c> samples starting at a random mel frame, with
/// the mel frames that cover exactly those samples. Clips shorter than a segment are padded with silence (audio 0, mel
/// at the log floor). Order and offsets are a function of (seed, epoch, position) only, so a resumed run sees the same
/// batches as an uninterrupted one.
/// </summary>
public sealed class SegmentSampler
{
    private readonly IVocoderClipSource _clips;
    private readonly int _segment, _hop, _batch, _seed;
    private readonly float _melFloor;

    /// <summary>Segments of <paramref name="segmentSize"/> samples (a multiple of <paramref name="hopLength"/>), <paramref name="batchSize"/> per batch.</summary>
    public SegmentSampler(IVocoderClipSource clips, int segmentSize, int hopLength, int batchSize, int seed, double logClamp)
    {
        if (clips.Count == 0) throw new ArgumentException("Stage 2 has no training clips; check the dataset (myxtts dataset check).", nameof(clips));
        (_clips, _segment, _hop, _seed) = (clips, segmentSize, hopLength, seed);
        _batch = Math.Min(batchSize, clips.Count);
        _melFloor = (float)Math.Log(logClamp);
    }

    /// <summary>Segments per batch (the batch size, or the clip count when there are fewer clips).</summary>
    public int BatchSize => _batch;

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch => _clips.Count / _batch;

    /// <summary>Batch <paramref name="position"/> of <paramref name="epoch"/>, on the CPU, in the caller's dispose scope.</summary>
    public SegmentBatch Batch(int epoch, int position)
    {
        var order = Order(epoch);
        int frames = _segment / _hop;
        var audio = new float[_batch * _segment];
        int channels = 0;
        float[]? mel = null;
        for (int b = 0; b < _batch; b++)
        {
            int index = order[position * _batch + b];
            var clip = _clips.Get(index);
            channels = clip.MelChannels;
            mel ??= new float[_batch * channels * frames];
            int start = clip.Frames > frames ? new Random(Seed(1, epoch, index)).Next(clip.Frames - frames + 1) : 0;
            CopySegment(clip, start, frames, audio.AsSpan(b * _segment, _segment), mel.AsSpan(b * channels * frames, channels * frames));
        }
        return new SegmentBatch(tensor(audio, [_batch, 1, _segment]), tensor(mel!, [_batch, channels, frames]));
    }

    private int[] Order(int epoch)
    {
        var order = Enumerable.Range(0, _clips.Count).ToArray();
        new Random(Seed(0, epoch, 0)).Shuffle(order);
        return order;
    }

    /// <summary>A seed that is the same in every process (seeded <see cref="Random"/> is; <see cref="HashCode"/> is not).</summary>
    private int Seed(ulong purpose, int epoch, int index) =>
        (int)(StableRandom.Mix((ulong)_seed, purpose, (ulong)epoch, (ulong)index) & int.MaxValue);

    private void CopySegment(VocoderClip clip, int start, int frames, Span<float> audio, Span<float> mel)
    {
        int available = Math.Min(frames, clip.Frames - start);
        int samples = Math.Min(available * _hop, clip.Audio.Length - start * _hop);
        clip.Audio.AsSpan(start * _hop, samples).CopyTo(audio);
        audio[samples..].Clear();
        for (int c = 0; c < clip.MelChannels; c++)
        {
            var row = mel.Slice(c * frames, frames);
            clip.Mel.AsSpan(c * clip.Frames + start, available).CopyTo(row);
            row[available..].Fill(_melFloor);
        }
    }
}
