using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;

namespace MyXtts.TestPlugins.Broken;

/// <summary>Registers fine; fails only when the host constructs it.</summary>
[Plugin("throwing_constructor")]
public sealed class ThrowingConstructor : ILossTerm
{
    public ThrowingConstructor() => throw new InvalidOperationException("fixture constructor failure");

    public LossValue Compute(LossContext context) => throw new InvalidOperationException("unreachable");
}
