using TorchSharp;

namespace MyXtts.Abstractions.Losses;

/// <summary>A loss term's result: the unweighted scalar, and extra numbers to log beside it.</summary>
public sealed record LossValue(torch.Tensor Value)
{
    /// <summary>Extra metrics (name → value) logged as <c>&lt;term&gt;/&lt;name&gt;</c>; not part of the objective.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
}
