using static TorchSharp.torch;

namespace MyXtts.Core.Models.Alignment;

/// <summary>Conversions between hard alignment paths and durations (the length regulator's two views of one alignment).</summary>
public static class AlignmentPaths
{
    /// <summary>[B, L, T] float path where token i owns frames [Σd&lt;i, Σd≤i): durations [B, L] (int64) laid end to end.</summary>
    public static Tensor FromDurations(Tensor durations, long frames)
    {
        using var scope = NewDisposeScope();
        var end = durations.cumsum(1);                                                    // [B, L]
        var start = end - durations;
        var j = arange(frames, device: durations.device).view(1, 1, -1);                  // [1, 1, T]
        var path = (j >= start.unsqueeze(2)).logical_and(j < end.unsqueeze(2));
        return path.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// [B, 2, T] per-frame position features: the frame's fractional position inside its token, and log(duration)/3 of
    /// that token. They tell the decoder where in a phone it is, which a plain copy of the token state cannot.
    /// </summary>
    public static Tensor PositionFeatures(Tensor path, Tensor durations)
    {
        using var scope = NewDisposeScope();
        var d = durations.to(ScalarType.Float32);                                         // [B, L]
        var start = d.cumsum(1) - d;
        var token = path.argmax(1);                                                       // [B, T]
        var frameStart = start.gather(1, token);
        var frameDuration = d.gather(1, token).clamp_min(1);
        var position = arange(path.shape[2], dtype: ScalarType.Float32, device: path.device).unsqueeze(0);
        var fraction = (position - frameStart) / frameDuration;
        return stack([fraction, frameDuration.log() / 3], 1).MoveToOuterDisposeScope();
    }
}
