namespace MyXtts.Abstractions.Audio;

/// <summary>
/// The one mel-spectrogram definition used for training, the vocoder and inference (HiFi-GAN's
/// <c>mel_spectrogram</c>): reflect padding of (n_fft − hop) / 2 on both sides, then an STFT with center=False and a
/// periodic Hann window, magnitude sqrt(re² + im² + 1e-9), Slaney mel scale and norm, natural log clamped at
/// <see cref="LogClamp"/>. Stored in every checkpoint; a mismatch at load time is an error.
/// MyXtts.Core.Audio.Mel.MelSpectrogram implements it.
/// </summary>
public sealed record MelSettings
{
    /// <summary>Audio sample rate in Hz.</summary>
    public int SampleRate { get; init; } = 22050;
    /// <summary>FFT size.</summary>
    public int NFft { get; init; } = 1024;
    /// <summary>Samples between frames.</summary>
    public int HopLength { get; init; } = 256;
    /// <summary>Hann window length.</summary>
    public int WinLength { get; init; } = 1024;
    /// <summary>Mel bands.</summary>
    public int NMels { get; init; } = 80;
    /// <summary>Lowest filter edge in Hz.</summary>
    public double FMin { get; init; } = 0;
    /// <summary>Highest filter edge in Hz; HiFi-GAN's <c>fmax: null</c> (its loss mel) is SampleRate / 2.</summary>
    public double FMax { get; init; } = 8000;
    /// <summary>Magnitudes are clamped to this before the log.</summary>
    public double LogClamp { get; init; } = 1e-5;

    /// <summary>Describes the first field that differs from <paramref name="other"/>, or null when equal.</summary>
    public string? DescribeMismatch(MelSettings other)
    {
        if (SampleRate != other.SampleRate) return $"sample_rate {SampleRate} vs {other.SampleRate}";
        if (NFft != other.NFft) return $"n_fft {NFft} vs {other.NFft}";
        if (HopLength != other.HopLength) return $"hop_length {HopLength} vs {other.HopLength}";
        if (WinLength != other.WinLength) return $"win_length {WinLength} vs {other.WinLength}";
        if (NMels != other.NMels) return $"n_mels {NMels} vs {other.NMels}";
        if (FMin != other.FMin) return $"fmin {FMin} vs {other.FMin}";
        if (FMax != other.FMax) return $"fmax {FMax} vs {other.FMax}";
        if (LogClamp != other.LogClamp) return $"log_clamp {LogClamp} vs {other.LogClamp}";
        return null;
    }
}
