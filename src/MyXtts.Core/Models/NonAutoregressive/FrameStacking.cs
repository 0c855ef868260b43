using static TorchSharp.torch;

namespace MyXtts.Core.Models.NonAutoregressive;

/// <summary>
/// The reduction factor r: r consecutive frames are predicted per decoder step by stacking them into the channel axis
/// (Tacotron's "frames per step"). The decoder and alignment then run on T/r steps, which is what makes a 2-CPU budget
/// feasible. Each row's last partial group is filled by repeating that row's last valid frame.
/// </summary>
public static class FrameStacking
{
    /// <summary>[B] valid stacked steps: ceil(lengths / r).</summary>
    public static Tensor ReducedLengths(Tensor lengths, int r) => (lengths + (r - 1)).div(r, rounding_mode: RoundingMode.floor);

    /// <summary>[B, C, T] with lengths [B] → [B, r·C, ceil(T/r)]; channel block k holds frame r·t + k.</summary>
    public static Tensor Stack(Tensor x, Tensor lengths, int r)
    {
        if (r == 1) return x.alias();
        using var scope = NewDisposeScope();
        var (b, c, t) = (x.shape[0], x.shape[1], x.shape[2]);
        var steps = (t + r - 1) / r;
        var index = arange(steps * r, device: x.device).unsqueeze(0).minimum((lengths - 1).clamp_min(0).unsqueeze(1));   // [B, T'r]
        var padded = x.gather(2, index.unsqueeze(1).expand(b, c, -1));                                                    // [B, C, T'r]
        var stacked = padded.view(b, c, steps, r).permute(0, 3, 1, 2).reshape(b, r * c, steps);                          // [B, rC, T']
        return stacked.MoveToOuterDisposeScope();
    }

    /// <summary>[B, r·C, T'] → [B, C, T'·r], the inverse of <see cref="Stack"/>.</summary>
    public static Tensor Unstack(Tensor y, int r)
    {
        if (r == 1) return y.alias();
        var (b, rc, steps) = (y.shape[0], y.shape[1], y.shape[2]);
        return y.view(b, r, rc / r, steps).permute(0, 2, 3, 1).reshape(b, rc / r, steps * r);                         // [B, C, T'r]
    }
}
