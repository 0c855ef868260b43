using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using TorchSharp;

namespace MyXtts.TestPlugins.Broken;

/// <summary>A name that breaks the lower-snake-case rule.</summary>
[Plugin("Bad-Name")]
public sealed class InvalidName : ILossTerm
{
    public LossValue Compute(LossContext context) => new(torch.zeros(1).sum());
}
