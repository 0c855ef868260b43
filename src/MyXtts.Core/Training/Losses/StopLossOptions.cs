namespace MyXtts.Core.Training.Losses;

/// <summary>Options of <see cref="StopLoss"/> (configuration section <c>plugins.stop_loss</c>).</summary>
public sealed record StopLossOptions
{
    /// <summary>
    /// Weight of the positive (last valid step) in the binary cross-entropy. Each utterance has one positive among
    /// dozens of negatives, so without it the stop token learns to never fire (Coqui's <c>stopnet_pos_weight</c>, 10).
    /// </summary>
    public double PositiveWeight { get; init; } = 10;

    /// <summary>Throws, naming the key, when a value is out of range.</summary>
    public void Validate()
    {
        if (!(PositiveWeight > 0) || double.IsInfinity(PositiveWeight))
            throw new ArgumentOutOfRangeException(nameof(PositiveWeight), PositiveWeight, "plugins.stop_loss.PositiveWeight must be a positive finite number (e.g. 10; 1 = unweighted).");
    }
}
