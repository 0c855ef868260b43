namespace MyXtts.Core.Audio.Vocoding;

/// <summary>Settings of the built-in <c>griffin_lim</c> vocoder, bound from the configuration section <c>plugins:griffin_lim</c>.</summary>
public sealed record GriffinLimOptions
{
    /// <summary>Phase-reconstruction iterations. More is cleaner and slower. Default 60.</summary>
    public int Iterations { get; init; } = 60;

    /// <summary>Fast Griffin-Lim momentum (Perraudin et al. 2013) in [0, 1); 0 is plain Griffin-Lim. Default 0.99.</summary>
    public double Momentum { get; init; } = 0.99;

    /// <summary>
    /// Exponent applied to the recovered linear magnitude before phase reconstruction. 1 keeps the level; values
    /// above 1 (Coqui TTS uses 1.5) sharpen harmonics and suppress the smeared noise floor. Default 1.
    /// </summary>
    public double Power { get; init; } = 1.0;

    /// <summary>Projected-gradient non-negative least-squares steps refining the mel → linear pseudo-inverse. Default 30.</summary>
    public int NnlsIterations { get; init; } = 30;

    /// <summary>Seed of the random initial phase, so the same mel always gives the same waveform. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid key.</summary>
    public void Validate()
    {
        if (Iterations < 1)
            throw new ArgumentException($"plugins:griffin_lim:Iterations is {Iterations}; it must be at least 1 (typical: 32 to 100).");
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentException($"plugins:griffin_lim:Momentum is {Momentum}; it must be in [0, 1) (0.99 is the usual fast Griffin-Lim value).");
        if (!(Power > 0 && double.IsFinite(Power)))
            throw new ArgumentException($"plugins:griffin_lim:Power is {Power}; it must be a positive number (1 to keep the level, 1.5 to sharpen).");
        if (NnlsIterations < 0)
            throw new ArgumentException($"plugins:griffin_lim:NnlsIterations is {NnlsIterations}; it must be 0 or more.");
    }
}
