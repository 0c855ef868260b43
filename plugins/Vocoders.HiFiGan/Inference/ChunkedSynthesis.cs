using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Inference;

/// <summary>
/// Synthesises a long mel in chunks of <c>chunkFrames</c> frames, each with <c>overlapFrames</c> of extra context on
/// both sides, and cross-fades neighbouring chunks linearly over the 2 × overlap frames around each boundary (weights
/// sum to 1). Pieces come out in order as soon as they are final, so a caller can play audio while the rest renders;
/// memory stays bounded by one chunk whatever the length.
/// </summary>
public sealed class ChunkedSynthesis
{
    private readonly Func<Tensor, Tensor> _generate;
    private readonly int _hop;
    private readonly long _chunk;
    private readonly long _overlap;

    /// <summary>
    /// <paramref name="generate"/> maps mel [B, n_mels, F] to audio [B, F · <paramref name="hop"/>].
    /// <paramref name="chunkFrames"/> must be at least 2 × <paramref name="overlapFrames"/> so the two cross-fades of a chunk do not meet.
    /// </summary>
    public ChunkedSynthesis(Func<Tensor, Tensor> generate, int hop, int chunkFrames, int overlapFrames)
    {
        if (overlapFrames < 0 || chunkFrames < Math.Max(1, 2 * overlapFrames))
            throw new ArgumentException(
                $"Chunked synthesis needs chunk frames ≥ 2 × overlap frames and ≥ 1; got chunk {chunkFrames}, overlap {overlapFrames} (e.g. chunk 64, overlap 16).");
        _generate = generate;
        _hop = hop;
        _chunk = chunkFrames;
        _overlap = overlapFrames;
    }

    /// <summary>The whole waveform [B, F · hop]: the streamed pieces joined.</summary>
    public Tensor Synthesize(Tensor mel)
    {
        using var scope = NewDisposeScope();
        return cat(Stream(mel).ToList(), 1).MoveToOuterDisposeScope();
    }

    /// <summary>Consecutive pieces [B, n] of the waveform for mel [B, n_mels, F], each returned into the caller's scope.</summary>
    public IEnumerable<Tensor> Stream(Tensor mel)
    {
        long frames = mel.shape[2];
        Tensor? tail = null;   // the previous chunk's faded-out samples over the current boundary's overlap
        try
        {
            for (long a = 0; a < frames; a += _chunk)
            {
                var (pieces, nextTail) = RenderChunk(mel, a, Math.Min(frames, a + _chunk), frames, tail);
                tail?.Dispose();
                tail = nextTail;
                foreach (var piece in pieces) yield return piece;
            }
        }
        finally
        {
            tail?.Dispose();
        }
    }

    private (List<Tensor> Pieces, Tensor? Tail) RenderChunk(Tensor mel, long a, long b, long frames, Tensor? tail)
    {
        var pieces = new List<Tensor>();
        using var scope = NewDisposeScope();
        long start = a == 0 ? 0 : a - _overlap;
        long end = b == frames ? frames : Math.Min(frames, b + _overlap);
        var audio = _generate(mel.narrow(2, start, end - start));          // [B, (end − start) · hop]
        long offset = 0;
        if (a > 0)
        {
            long fade = (Math.Min(frames, a + _overlap) - start) * _hop;
            pieces.Add(audio.narrow(1, 0, fade) * Ramp(fade, audio) + tail!);
            offset = fade;
        }
        Tensor? nextTail = null;
        long coreEnd = b == frames ? audio.shape[1] : (b - _overlap - start) * _hop;
        if (coreEnd > offset) pieces.Add(audio.narrow(1, offset, coreEnd - offset));
        if (b < frames)
        {
            long fade = audio.shape[1] - coreEnd;
            nextTail = audio.narrow(1, coreEnd, fade) * (1 - Ramp(fade, audio));
        }
        foreach (var piece in pieces) piece.MoveToOuterDisposeScope();
        nextTail?.MoveToOuterDisposeScope();
        return (pieces, nextTail);
    }

    /// <summary>(i + 0.5) / n for i in [0, n): the fade-in weight; 1 − it fades out, so both sum to 1.</summary>
    private static Tensor Ramp(long n, Tensor like) =>
        (arange(n, dtype: like.dtype, device: like.device) + 0.5) / n;
}
