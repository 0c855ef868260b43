using MyXtts.Core.Audio.Processing;
using MyXtts.Core.Audio.Resampling;

namespace MyXtts.Core.Audio;

/// <summary>How <see cref="AudioLoader"/> turns a file into training audio.</summary>
public sealed record AudioLoadOptions
{
    /// <summary>The rate every clip is resampled to (the mel settings' sample rate). Default 22050.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>Leading/trailing silence trimming; null keeps the clip's edges. Default: librosa's trim (60 dB, 2048/512).</summary>
    public TrimOptions? Trim { get; init; } = new();

    /// <summary>Integrated loudness target in LUFS (BS.1770); null leaves the level alone. Default null.</summary>
    public double? TargetLufs { get; init; }

    /// <summary>Peak ceiling (fraction of full scale) applied last; null disables it. Default 0.999.</summary>
    public double? PeakCeiling { get; init; } = PeakProtection.DefaultCeiling;

    /// <summary>Resampling filter settings.</summary>
    public ResamplerOptions Resampler { get; init; } = new();
}
