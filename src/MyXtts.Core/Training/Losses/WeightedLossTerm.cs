using MyXtts.Abstractions.Losses;

namespace MyXtts.Core.Training.Losses;

/// <summary>A loss term in a run: its name (from <c>[Plugin]</c>), the term, its weight and the configuration key that gave the weight.</summary>
public sealed record WeightedLossTerm(string Name, ILossTerm Term, double Weight, string WeightSource)
{
    /// <summary>Name of the weighted contribution in logs and metrics (<c>w_mel_loss</c>).</summary>
    public string WeightedName => "w_" + Name;
}
