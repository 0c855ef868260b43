using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>SpeechBrain's <c>length_to_mask(lengths · L, L)</c> as float: frame t is valid when t &lt; relative length · L.</summary>
internal static class LengthMask
{
    /// <summary>[B] relative lengths (0, 1] → [B, 1, L] float mask (1 valid, 0 padding).</summary>
    public static Tensor Of(Tensor relativeLengths, long frames)
    {
        using var scope = NewDisposeScope();
        var positions = arange(frames, dtype: relativeLengths.dtype, device: relativeLengths.device).unsqueeze(0);   // [1, L]
        var limits = (relativeLengths * frames).unsqueeze(1);                                                        // [B, 1]
        return positions.lt(limits).to(relativeLengths.dtype).unsqueeze(1).MoveToOuterDisposeScope();              // [B, 1, L]
    }
}
