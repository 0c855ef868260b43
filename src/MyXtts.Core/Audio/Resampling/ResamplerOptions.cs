namespace MyXtts.Core.Audio.Resampling;

/// <summary>The window that tapers the sinc interpolation kernel.</summary>
public enum ResampleWindow
{
    /// <summary>Squared cosine (torchaudio's <c>sinc_interp_hann</c>, the default).</summary>
    Hann,
    /// <summary>Kaiser window with <see cref="ResamplerOptions.KaiserBeta"/> (torchaudio's <c>sinc_interp_kaiser</c>).</summary>
    Kaiser,
}

/// <summary>
/// Band-limited resampler settings, with torchaudio.functional.resample's meaning and defaults.
/// Higher <see cref="LowpassFilterWidth"/> sharpens the anti-aliasing filter at the cost of a longer kernel.
/// </summary>
public sealed record ResamplerOptions
{
    /// <summary>Zero crossings of the sinc on each side of the centre. Default 6.</summary>
    public int LowpassFilterWidth { get; init; } = 6;

    /// <summary>Cut-off as a fraction of the lower Nyquist frequency; below 1 to leave a transition band. Default 0.99.</summary>
    public double Rolloff { get; init; } = 0.99;

    /// <summary>Kernel window. Default Hann.</summary>
    public ResampleWindow Window { get; init; } = ResampleWindow.Hann;

    /// <summary>Kaiser shape parameter (librosa's kaiser_best value by default); used only with <see cref="ResampleWindow.Kaiser"/>.</summary>
    public double KaiserBeta { get; init; } = 14.769656459379492;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (LowpassFilterWidth < 1)
            throw new ArgumentException($"LowpassFilterWidth is {LowpassFilterWidth}; it must be at least 1 (typical: 6 to 64).");
        if (!(Rolloff > 0 && Rolloff <= 1))
            throw new ArgumentException($"Rolloff is {Rolloff}; it must be in (0, 1] (typical: 0.9 to 0.99).");
        if (Window == ResampleWindow.Kaiser && !(KaiserBeta >= 0))
            throw new ArgumentException($"KaiserBeta is {KaiserBeta}; it must be non-negative.");
    }
}
