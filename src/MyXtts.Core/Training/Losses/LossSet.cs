using MyXtts.Abstractions.Losses;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Losses;

/// <summary>One term's result in one evaluation: the raw value and the weighted contribution, both scalar tensors.</summary>
public sealed record LossComponent(WeightedLossTerm Term, Tensor Raw, Tensor Weighted, IReadOnlyDictionary<string, double> Metrics);

/// <summary>The objective of one batch: Σ weight · value over the terms that apply, and each component.</summary>
public sealed record LossEvaluation(Tensor Total, IReadOnlyList<LossComponent> Components);

/// <summary>
/// The run's loss terms. Terms are never wrapped in a safety guard: a loss that throws or returns a non-scalar stops the
/// run, because silently training without it would be worse.
/// </summary>
public sealed class LossSet(IReadOnlyList<WeightedLossTerm> terms)
{
    /// <summary>The terms in order, with their weights.</summary>
    public IReadOnlyList<WeightedLossTerm> Terms { get; } = terms;

    /// <summary>Evaluates every applicable term; tensors belong to the caller's dispose scope. Raw values are computed in float32.</summary>
    public LossEvaluation Evaluate(LossContext context)
    {
        var components = new List<LossComponent>(Terms.Count);
        Tensor? total = null;
        foreach (var term in Terms)
        {
            if (!term.Term.AppliesTo(context)) continue;
            var value = term.Term.Compute(context);
            if (value.Value.numel() != 1)
                throw new InvalidOperationException($"Loss term '{term.Name}' returned a tensor of shape [{string.Join(", ", value.Value.shape)}]; a loss must be a scalar. Fix the term's Compute.");
            var raw = value.Value.reshape([]).to(ScalarType.Float32);
            var weighted = raw * term.Weight;
            components.Add(new LossComponent(term, raw, weighted, value.Metrics));
            total = total is null ? weighted : total + weighted;
        }
        if (total is null)
            throw new InvalidOperationException($"No loss term applies to this batch (terms: {string.Join(", ", Terms.Select(t => t.Name))}); nothing to train on.");
        return new LossEvaluation(total, components);
    }
}
