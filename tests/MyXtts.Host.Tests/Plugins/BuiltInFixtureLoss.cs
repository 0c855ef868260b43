using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using TorchSharp;

namespace MyXtts.Host.Tests.Plugins;

/// <summary>Stands for a built-in plugin: found only when this test assembly is scanned as a built-in assembly.</summary>
[Plugin("builtin_fixture_loss", Summary = "Fixture: built-in loss")]
public sealed class BuiltInFixtureLoss : ILossTerm
{
    public LossValue Compute(LossContext context) => new(torch.zeros(1).sum());
}
