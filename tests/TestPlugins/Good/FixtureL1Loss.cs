using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Plugins;
using TorchSharp;

namespace MyXtts.TestPlugins.Good;

/// <summary>Options bound from <c>plugins:fixture_l1</c>.</summary>
public sealed class FixtureL1Options
{
    public double Scale { get; init; } = 1.0;
    public int Warmup { get; init; }
}

/// <summary>Mean |mel − target| × Scale: runs a real torch op inside the plugin's load context.</summary>
[Plugin("fixture_l1", Summary = "Fixture: scaled L1 on the mel", Options = typeof(FixtureL1Options))]
public sealed class FixtureL1Loss(FixtureL1Options options) : ILossTerm
{
    public LossValue Compute(LossContext context)
    {
        using var scope = torch.NewDisposeScope();
        var loss = (context.Outputs.Mel - context.Batch.Mel).abs().mean() * options.Scale;
        return new LossValue(loss.MoveToOuterDisposeScope())
        {
            // Echo the bound options so tests can see what the host handed the constructor.
            Metrics = new Dictionary<string, double> { ["scale"] = options.Scale, ["warmup"] = options.Warmup },
        };
    }
}
