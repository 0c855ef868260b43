namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer;

/// <summary>Options of the <c>resemblyzer</c> speaker encoder, bound from <c>plugins:resemblyzer</c>. Defaults are Resemblyzer's.</summary>
public sealed class ResemblyzerOptions
{
    /// <summary><c>embed_utterance</c>'s <c>rate</c>: partial windows per second (1.3 → a new 1.6 s window every 0.77 s).</summary>
    public double PartialRate { get; set; } = 1.3;

    /// <summary><c>embed_utterance</c>'s <c>min_coverage</c>: the last partial is kept only if real audio fills this share of it.</summary>
    public double MinCoverage { get; set; } = 0.75;

    /// <summary>
    /// Apply <c>preprocess_wav</c>'s volume normalisation (raise quiet clips to <see cref="TargetDbfs"/>, never lower).
    /// <c>preprocess_wav</c>'s long-silence trimming (webrtcvad) is not part of this encoder: trim clips beforehand.
    /// </summary>
    public bool NormalizeVolume { get; set; } = true;

    /// <summary>The RMS level in dBFS that <see cref="NormalizeVolume"/> raises clips to (Resemblyzer: −30).</summary>
    public double TargetDbfs { get; set; } = -30;

    internal void Validate()
    {
        if (!(PartialRate > 0 && PartialRate <= 100))
            throw new ArgumentOutOfRangeException(nameof(PartialRate), PartialRate,
                $"plugins:resemblyzer:PartialRate is {PartialRate}; it must lie in (0, 100] (default 1.3). Fix it in the configuration.");
        if (!(MinCoverage > 0 && MinCoverage <= 1))
            throw new ArgumentOutOfRangeException(nameof(MinCoverage), MinCoverage,
                $"plugins:resemblyzer:MinCoverage is {MinCoverage}; it must lie in (0, 1] (default 0.75). Fix it in the configuration.");
        if (!(TargetDbfs < 0))
            throw new ArgumentOutOfRangeException(nameof(TargetDbfs), TargetDbfs,
                $"plugins:resemblyzer:TargetDbfs is {TargetDbfs}; it must be below 0 dBFS (default -30). Fix it in the configuration.");
    }
}
