using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using TorchSharp;

namespace MyXtts.TestPlugins.DuplicateA;

/// <summary>Takes the name "duplicate_name", which the other Duplicate fixture assembly claims too.</summary>
[Plugin("duplicate_name", Summary = "Fixture: name clash, copy A")]
public sealed class DuplicateNameLoss : ILossTerm
{
    public LossValue Compute(LossContext context) => new(torch.zeros(1).sum());
}
