using System.Globalization;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Core.Training.Losses;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>A vocoder loss term in a run: its name (from <c>[Plugin]</c>), the term, its weight and where the weight came from.</summary>
public sealed record WeightedVocoderLossTerm(string Name, IVocoderLossTerm Term, double Weight, string WeightSource)
{
    /// <summary>Name of the weighted contribution in logs and metrics.</summary>
    public string WeightedName => "w_" + Name;
}

/// <summary>One phase's objective: Σ weight · value, and each term's raw and weighted value (scalar tensors).</summary>
public sealed record VocoderLossEvaluation(Tensor Total, IReadOnlyList<(WeightedVocoderLossTerm Term, Tensor Raw, Tensor Weighted)> Components);

/// <summary>
/// The run's vocoder loss terms. Weights come from <c>training.loss_weights.&lt;name&gt;</c> (as for stage 1), else the
/// term's own default (45 for <c>vocoder_mel_loss</c>). Terms are never wrapped: a failing loss stops the run.
/// </summary>
public sealed class VocoderLossSet
{
    /// <summary>Weights <paramref name="terms"/>; throws naming the key when a weight is invalid or a phase has no term.</summary>
    public VocoderLossSet(IEnumerable<(string Name, IVocoderLossTerm Term)> terms, IReadOnlyDictionary<string, double> configured)
    {
        Terms = terms.Select(t => Weigh(t.Name, t.Term, configured)).ToArray();
        foreach (var phase in Enum.GetValues<VocoderLossPhase>())
            if (!Terms.Any(t => t.Term.Phase == phase))
                throw new ArgumentException(
                    $"Stage 2 has no {phase.ToString().ToLowerInvariant()} loss term (selected: {(Terms.Count == 0 ? "none" : string.Join(", ", Terms.Select(t => t.Name)))}). " +
                    "Select the vocoder plugin's terms (hifigan: generator_adversarial_loss, feature_matching_loss, vocoder_mel_loss, discriminator_loss) with --plugin.");
    }

    /// <summary>Every term with its weight.</summary>
    public IReadOnlyList<WeightedVocoderLossTerm> Terms { get; }

    /// <summary>The terms of <paramref name="context"/>'s phase, evaluated in the caller's dispose scope (raw values in float32).</summary>
    public VocoderLossEvaluation Evaluate(VocoderLossContext context)
    {
        var components = new List<(WeightedVocoderLossTerm, Tensor, Tensor)>();
        Tensor? total = null;
        foreach (var term in Terms.Where(t => t.Term.Phase == context.Phase))
        {
            var value = term.Term.Compute(context).Value;
            if (value.numel() != 1)
                throw new InvalidOperationException($"Vocoder loss term '{term.Name}' returned a tensor of shape [{string.Join(", ", value.shape)}]; a loss must be a scalar. Fix the term's Compute.");
            var raw = value.reshape([]).to(ScalarType.Float32);
            var weighted = raw * term.Weight;
            components.Add((term, raw, weighted));
            total = total is null ? weighted : total + weighted;
        }
        return new VocoderLossEvaluation(total!, components);
    }

    private static WeightedVocoderLossTerm Weigh(string name, IVocoderLossTerm term, IReadOnlyDictionary<string, double> configured)
    {
        var (weight, source) = LossWeights.Resolve(name, configured);
        if (source == "default") (weight, source) = (term.DefaultWeight, "default of the term");
        if (!double.IsFinite(weight) || weight < 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Loss weight {weight} for '{name}' (from {source}) must be a finite number >= 0; fix it in the configuration or with --loss-weight {name}=VALUE."));
        return new WeightedVocoderLossTerm(name, term, weight, source);
    }
}
