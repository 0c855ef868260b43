using static TorchSharp.torch;

namespace MyXtts.Core.Models.Alignment;

/// <summary>
/// Monotonic alignment search (Glow-TTS, Kim et al. 2020): the hard, monotonic, surjective token→frame alignment that
/// maximises the summed log-likelihood. Dynamic programme on the CPU over each row's valid L×T block:
/// Q[i, j] = logp[i, j] + max(Q[i, j−1], Q[i−1, j−1]), Q[0, 0] = logp[0, 0], then a backtrack from (L−1, T−1). Every
/// token gets at least one frame and frames are consumed in order. A row with more tokens than frames has no such
/// alignment; it falls back to spreading its frames evenly over the tokens (some get none), which the caller can count.
/// </summary>
public static class MonotonicAlignmentSearch
{
    /// <summary>
    /// Hard alignment paths [B, L, T] (float, 1 where token i owns frame j) for log-likelihoods [B, L, T]. Runs without
    /// gradients; the inputs may be on any device and in any float dtype (the search itself is float32 on the CPU).
    /// </summary>
    public static Tensor Path(Tensor logLikelihood, Tensor tokenLengths, Tensor frameLengths)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (b, l, t) = ((int)logLikelihood.shape[0], (int)logLikelihood.shape[1], (int)logLikelihood.shape[2]);
        var values = logLikelihood.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        var tokens = tokenLengths.cpu().to(ScalarType.Int64).data<long>().ToArray();
        var frames = frameLengths.cpu().to(ScalarType.Int64).data<long>().ToArray();
        var path = new float[values.Length];
        for (var row = 0; row < b; row++)
            SearchRow(values.AsSpan(row * l * t, l * t), path.AsSpan(row * l * t, l * t), (int)tokens[row], (int)frames[row], t);
        return tensor(path, [b, l, t]).to(logLikelihood.device).MoveToOuterDisposeScope();
    }

    /// <summary>One row: <paramref name="logp"/> and <paramref name="path"/> are L×<paramref name="stride"/>, row-major.</summary>
    public static void SearchRow(ReadOnlySpan<float> logp, Span<float> path, int tokens, int frames, int stride)
    {
        if (tokens <= 0 || frames <= 0) return;
        if (tokens > frames) { SpreadEvenly(path, tokens, frames, stride); return; }
        var q = new float[tokens * frames];
        for (var j = 0; j < frames; j++)
        {
            // Token i can own frame j only if 0 <= j - i (earlier tokens need a frame each) and
            // tokens - i <= frames - j (later tokens still need one each).
            var first = Math.Max(0, tokens - (frames - j));
            var last = Math.Min(tokens - 1, j);
            for (var i = 0; i < tokens; i++)
            {
                if (i < first || i > last) { q[i * frames + j] = float.NegativeInfinity; continue; }
                var value = logp[i * stride + j];
                if (j == 0) { q[i * frames] = value; continue; }
                var stay = q[i * frames + j - 1];
                var advance = i > 0 ? q[(i - 1) * frames + j - 1] : float.NegativeInfinity;
                q[i * frames + j] = value + Math.Max(stay, advance);
            }
        }
        var token = tokens - 1;
        for (var j = frames - 1; j >= 0; j--)
        {
            path[token * stride + j] = 1f;
            if (token > 0 && (token == j || q[token * frames + j - 1] < q[(token - 1) * frames + j - 1])) token--;
        }
    }

    private static void SpreadEvenly(Span<float> path, int tokens, int frames, int stride)
    {
        for (var j = 0; j < frames; j++)
            path[Math.Min(tokens - 1, (int)((j + 0.5) * tokens / frames)) * stride + j] = 1f;
    }
}
