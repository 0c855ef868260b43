namespace MyXtts.Core.Training.Losses;

/// <summary>Options of <see cref="DurationLoss"/> (configuration section <c>plugins.duration_loss</c>).</summary>
public sealed record DurationLossOptions
{
    /// <summary>
    /// Weight w of the utterance-total part against the per-token part (weight 1). The per-token log-domain fit pulls
    /// every duration towards its median, the total part towards the true length; for a uniform shift the two balance
    /// at w / (1 + w) of the bias, so w = 1 corrects half of it and w = 10 about 90 % (docs/model.md). 0 turns the
    /// total part off (plain FastSpeech duration loss). Measured on the sample corpus, w = 10 made lengths right but the
    /// mel worse (docs/quality.md, fifth run), so the default is 1; a prompt's transcript corrects length at inference.
    /// </summary>
    public double TotalWeight { get; init; } = 1;

    /// <summary>Throws, naming the key, when a value is out of range.</summary>
    public void Validate()
    {
        if (!(TotalWeight >= 0) || double.IsInfinity(TotalWeight))
            throw new ArgumentOutOfRangeException(nameof(TotalWeight), TotalWeight, "plugins.duration_loss.TotalWeight must be a finite number ≥ 0 (e.g. 1; 0 = per-token loss only).");
    }
}
