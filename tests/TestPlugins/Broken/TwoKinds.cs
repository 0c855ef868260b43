using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using TorchSharp;

namespace MyXtts.TestPlugins.Broken;

/// <summary>Implements two extension points at once, so its kind is ambiguous.</summary>
[Plugin("two_kinds")]
public sealed class TwoKinds : ILossTerm, IMetricsSink
{
    public LossValue Compute(LossContext context) => new(torch.zeros(1).sum());
    public void WriteScalars(long step, IReadOnlyDictionary<string, double> scalars) { }
    public void Dispose() { }
}
