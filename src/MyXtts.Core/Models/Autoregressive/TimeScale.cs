using static TorchSharp.torch;

namespace MyXtts.Core.Models.Autoregressive;

/// <summary>
/// Speaking-rate control for a decoder that sets its own pace: each row's valid frames are resampled along time by
/// linear interpolation (a time-scale change of the spectrogram: the vocoder then keeps pitch and spectral envelope).
/// </summary>
public static class TimeScale
{
    /// <summary>
    /// [B, M, T] with valid lengths [B] → each row's valid part resampled to max(1, round(length × <paramref name="factor"/>))
    /// frames, padded with its last frame to the longest; returns the new mel and lengths.
    /// </summary>
    public static (Tensor Mel, Tensor Lengths) Stretch(Tensor mel, Tensor lengths, double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The time-scale factor must be a positive finite number.");
        using var scope = NewDisposeScope();
        var old = lengths.cpu().data<long>().ToArray();
        var stretched = old.Select(l => Math.Max(1L, (long)Math.Round(Math.Max(1, l) * factor))).ToArray();
        var longest = stretched.Max();
        var rows = new Tensor[old.Length];
        for (var b = 0; b < old.Length; b++)
        {
            var row = mel[b..(b + 1), .., ..(int)Math.Max(1, old[b])];                                              // [1, M, l]
            var resampled = nn.functional.interpolate(row, size: [stretched[b]], mode: InterpolationMode.Linear, align_corners: true);
            var pad = resampled[.., .., ^1..].expand(-1, -1, longest - stretched[b]);
            rows[b] = cat([resampled, pad], 2);
        }
        return (cat(rows, 0).MoveToOuterDisposeScope(), tensor(stretched, device: lengths.device).MoveToOuterDisposeScope());
    }
}
