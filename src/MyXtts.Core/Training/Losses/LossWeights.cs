using System.Globalization;
using MyXtts.Abstractions.Losses;

namespace MyXtts.Core.Training.Losses;

/// <summary>
/// Finds each loss term's weight in <c>training.loss_weights</c> (where <c>--loss-weight NAME=VALUE</c> also lands): the
/// term's own name first (<c>mel_loss</c>), then its name without <c>_loss</c> (<c>mel</c>, the key the original's
/// <c>mel_loss_weight</c> maps to), else 1.0.
/// </summary>
public static class LossWeights
{
    /// <summary>Suffix dropped for the legacy key.</summary>
    public const string Suffix = "_loss";

    /// <summary>The weight of <paramref name="name"/> and the key it came from (or "default").</summary>
    public static (double Weight, string Source) Resolve(string name, IReadOnlyDictionary<string, double> configured)
    {
        if (configured.TryGetValue(name, out var exact)) return (exact, $"training.loss_weights.{name}");
        if (name.EndsWith(Suffix, StringComparison.Ordinal) && configured.TryGetValue(name[..^Suffix.Length], out var legacy))
            return (legacy, $"training.loss_weights.{name[..^Suffix.Length]}");
        return (1.0, "default");
    }

    /// <summary>Weights every term; throws for a negative or non-finite weight, naming the key to fix.</summary>
    public static IReadOnlyList<WeightedLossTerm> Apply(IEnumerable<(string Name, ILossTerm Term)> terms, IReadOnlyDictionary<string, double> configured)
    {
        var weighted = new List<WeightedLossTerm>();
        foreach (var (name, term) in terms)
        {
            var (weight, source) = Resolve(name, configured);
            if (!double.IsFinite(weight) || weight < 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Loss weight {weight} for '{name}' (from {source}) must be a finite number >= 0; fix it in the configuration or with --loss-weight {name}=VALUE."));
            weighted.Add(new WeightedLossTerm(name, term, weight, source));
        }
        if (weighted.Count == 0)
            throw new ArgumentException("No loss terms: training needs at least one (the model's built-in terms, or --plugin NAME for a loss plugin).");
        return weighted;
    }
}
