using MyXtts.Abstractions.Audio;

namespace MyXtts.Core.Audio.Pitch;

/// <summary>Settings of <see cref="YinPitchTracker"/>. The defaults frame like the project's mel (hop 256, n_fft 1024 at 22.05 kHz).</summary>
public sealed record YinOptions
{
    /// <summary>Framed like <paramref name="mel"/> (its rate, hop and n_fft, so frame t of the track is mel frame t), with the default F0 range.</summary>
    public static YinOptions FramedLike(MelSettings mel) => new() { SampleRate = mel.SampleRate, HopLength = mel.HopLength, NFft = mel.NFft };

    /// <summary>Sample rate of the input in Hz.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>Samples between frames; equal to the mel hop so frame t of the track is frame t of the mel.</summary>
    public int HopLength { get; init; } = 256;

    /// <summary>The mel's FFT size: fixes the frame count and centres (the mel pads (n_fft − hop) / 2 on each side).</summary>
    public int NFft { get; init; } = 1024;

    /// <summary>Integration window W of the difference function, in samples (at least two periods of <see cref="FMin"/> is usual).</summary>
    public int WindowLength { get; init; } = 1024;

    /// <summary>Lowest F0 searched, Hz.</summary>
    public double FMin { get; init; } = 60;

    /// <summary>Highest F0 searched, Hz.</summary>
    public double FMax { get; init; } = 800;

    /// <summary>YIN's absolute threshold: the first dip of the normalised difference below it is the period (0.1 in the paper).</summary>
    public double Threshold { get; init; } = 0.1;

    /// <summary>A frame is voiced when the normalised difference at the chosen period is below this (aperiodicity).</summary>
    public double VoicingThreshold { get; init; } = 0.25;

    /// <summary>Frames whose RMS is below this level (dB re full scale) are unvoiced whatever their periodicity.</summary>
    public double SilenceDb { get; init; } = -60;

    /// <summary>Throws naming the setting when the values cannot work together.</summary>
    public void Validate()
    {
        if (SampleRate < 1 || HopLength < 1 || NFft < HopLength)
            throw new ArgumentException($"Pitch framing needs sample_rate ≥ 1, hop ≥ 1 and n_fft ≥ hop; got {SampleRate}, {HopLength}, {NFft}.");
        if (FMin <= 0 || FMax <= FMin || FMax >= SampleRate / 2.0)
            throw new ArgumentException($"Pitch range must satisfy 0 < FMin < FMax < sample_rate / 2; got {FMin} to {FMax} Hz at {SampleRate} Hz.");
        if (WindowLength < SampleRate / FMax * 2)
            throw new ArgumentException($"WindowLength {WindowLength} is shorter than two periods of FMax ({FMax} Hz); raise it.");
        if (Threshold is <= 0 or >= 1 || VoicingThreshold is <= 0 or >= 1)
            throw new ArgumentException($"Threshold ({Threshold}) and VoicingThreshold ({VoicingThreshold}) must lie in (0, 1).");
    }

    /// <summary>Frames for <paramref name="samples"/> samples: the mel's count, (n + 2·pad − n_fft) / hop + 1 with pad = (n_fft − hop) / 2.</summary>
    public int FrameCount(long samples)
    {
        long padded = samples + 2 * ((NFft - HopLength) / 2);
        return samples == 0 ? 0 : (int)Math.Max(0, (padded - NFft) / HopLength + 1);   // truncating division, as PaddedStft
    }
}
