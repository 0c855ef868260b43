using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer.FrontEnd;

/// <summary>
/// Resemblyzer's <c>normalize_volume(wav, target_dBFS, increase_only=True)</c> from <c>preprocess_wav</c>: raises each
/// clip to the target RMS level and never lowers it. Silent clips are left as they are (the reference divides by zero).
/// </summary>
internal static class VolumeNormalizer
{
    /// <summary>[B, T] waveforms whose samples past <paramref name="lengths"/> are zero → gained copies.</summary>
    public static Tensor IncreaseOnly(Tensor waveforms, Tensor lengths, double targetDbfs)
    {
        using var scope = NewDisposeScope();
        var power = waveforms.to(ScalarType.Float64).pow(2).sum(1) / lengths.to(ScalarType.Float64).clamp_min(1);   // [B]
        var change = targetDbfs - 10 * power.log10();
        var gain = where(change.gt(0) & power.gt(0), pow(10.0, change / 20), ones_like(change));
        return (waveforms * gain.to(waveforms.dtype).unsqueeze(1)).MoveToOuterDisposeScope();
    }
}
