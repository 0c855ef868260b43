using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Alignment;

/// <summary>
/// The beta-binomial alignment prior of RAD-TTS / FastPitch (Badlani et al., 2022): for frame j of T, the log-probability
/// that it belongs to token i of L is log BetaBinomial(i; n = L−1, α = j+1, β = T−j), a soft diagonal. Added to the
/// likelihood before alignment search, it keeps early training (when the token means are still noise) near the
/// diagonal. Values depend only on (L, T), so each pair is computed once (float64, by lgamma) and cached.
/// </summary>
public static class BetaBinomialPrior
{
    private static readonly ConcurrentDictionary<(int Tokens, int Frames), float[]> Cache = new();
    private const int MaxCached = 20_000;

    /// <summary>[L×T] row-major log-prior for one utterance.</summary>
    public static float[] Log(int tokens, int frames)
    {
        if (Cache.TryGetValue((tokens, frames), out var cached)) return cached;
        var values = Compute(tokens, frames);
        if (Cache.Count < MaxCached) Cache.TryAdd((tokens, frames), values);
        return values;
    }

    /// <summary>[B, L, T] log-prior, zero outside each row's valid block.</summary>
    public static Tensor Batch(Tensor tokenLengths, Tensor frameLengths, long maxTokens, long maxFrames, Device device)
    {
        var tokens = tokenLengths.cpu().to(ScalarType.Int64).data<long>().ToArray();
        var frames = frameLengths.cpu().to(ScalarType.Int64).data<long>().ToArray();
        var data = new float[tokens.Length * maxTokens * maxFrames];
        for (var b = 0; b < tokens.Length; b++)
        {
            var row = Log((int)tokens[b], (int)frames[b]);
            for (var i = 0; i < tokens[b]; i++)
                Array.Copy(row, i * frames[b], data, (b * maxTokens + i) * maxFrames, frames[b]);
        }
        return tensor(data, [tokens.Length, maxTokens, maxFrames]).to(device);
    }

    private static float[] Compute(int tokens, int frames)
    {
        using var scope = NewDisposeScope();
        double n = tokens - 1;
        var k = arange(tokens, dtype: ScalarType.Float64).unsqueeze(1);            // [L, 1]
        var a = arange(1, frames + 1, dtype: ScalarType.Float64).unsqueeze(0);     // [1, T]: α = j + 1
        var b = frames + 1 - a;                                                   //         β = T − j
        var logChoose = lgamma(tensor(n + 1)) - lgamma(k + 1) - lgamma(n - k + 1);
        var logBeta = lgamma(k + a) + lgamma(n - k + b) - lgamma(n + a + b);
        var logNorm = lgamma(a) + lgamma(b) - lgamma(a + b);
        return (logChoose + logBeta - logNorm).to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }
}
