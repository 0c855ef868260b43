namespace MyXtts.Core.Training.Losses;

/// <summary>Options of <see cref="SpeakerContrastiveLoss"/> (configuration section <c>plugins.speaker_contrastive_loss</c>).</summary>
public sealed record SpeakerContrastiveOptions
{
    /// <summary>Softmax temperature τ over cosine similarities; lower is sharper.</summary>
    public double Temperature { get; init; } = 0.1;

    /// <summary>Additive margin m subtracted from same-speaker similarities (0 = plain supervised contrastive).</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>Throws, naming the key, when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Temperature > 0) || double.IsInfinity(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "plugins.speaker_contrastive_loss.Temperature must be a positive finite number (e.g. 0.1).");
        if (!(Margin >= 0 && Margin < 2))
            throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "plugins.speaker_contrastive_loss.Margin must be in [0, 2) (cosine similarities lie in [-1, 1]); e.g. 0.2.");
    }
}
