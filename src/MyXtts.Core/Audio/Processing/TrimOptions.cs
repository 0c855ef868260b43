namespace MyXtts.Core.Audio.Processing;

/// <summary>Silence trimming settings, with librosa.effects.trim's meaning and defaults.</summary>
public sealed record TrimOptions
{
    /// <summary>Frames quieter than this many dB below the loudest frame's RMS are silence. Default 60.</summary>
    public double TopDb { get; init; } = 60;

    /// <summary>RMS frame length in samples. Default 2048.</summary>
    public int FrameLength { get; init; } = 2048;

    /// <summary>Samples between RMS frames; the trim points fall on multiples of it. Default 512.</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (!(TopDb > 0)) throw new ArgumentException($"Trim TopDb is {TopDb}; it must be positive (typical: 30 to 60 dB).");
        if (FrameLength < 1 || HopLength < 1)
            throw new ArgumentException($"Trim FrameLength ({FrameLength}) and HopLength ({HopLength}) must be positive.");
    }
}
