using MyXtts.Plugins.SpeakerEncoders.Coqui.Config;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.FrontEnd;

/// <summary>
/// The level normalisation of Coqui's <c>AudioProcessor.load_wav</c> on one clip: <c>do_sound_norm</c> (peak to 0.95) and
/// <c>do_rms_norm</c> (RMS to <c>db_level</c> dB). Resampling is the caller's job; silence trimming is not done here.
/// </summary>
internal static class WaveformPreprocessing
{
    /// <summary>[T] clip → [T] clip, in the caller's dispose scope.</summary>
    public static Tensor Apply(Tensor clip, CoquiAudioConfig audio)
    {
        using var scope = NewDisposeScope();
        var x = clip;
        if (audio.DoSoundNorm) x = x / x.abs().max() * 0.95;
        if (audio.DoRmsNorm) x = RmsVolumeNorm(x, audio.DbLevel);
        return x.alias().MoveToOuterDisposeScope();
    }

    /// <summary><c>rms_volume_norm</c>: x · sqrt(N · r² / Σx²) with r = 10^(db/20); the gain in float64 as numpy computes it.</summary>
    public static Tensor RmsVolumeNorm(Tensor clip, double dbLevel)
    {
        if (!(dbLevel >= -99 && dbLevel <= 0))
            throw new InvalidDataException($"audio.db_level is {dbLevel}; Coqui requires -99 <= db_level <= 0.");
        using var scope = NewDisposeScope();
        double r = Math.Pow(10, dbLevel / 20);
        var energy = clip.pow(2).sum().to(ScalarType.Float64);
        var gain = (clip.shape[0] * r * r / energy).sqrt();
        return (clip * gain.to(clip.dtype)).MoveToOuterDisposeScope();
    }
}
