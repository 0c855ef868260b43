using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;

namespace MyXtts.TestPlugins.Incompatible;

/// <summary>Valid against the v2 contracts only.</summary>
[Plugin("future_loss")]
public sealed class FutureLoss : ILossTerm
{
    public double Compute(IReadOnlyDictionary<string, double> inputs) => 0;
}
