using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.NonAutoregressive;

/// <summary>
/// FastSpeech 2's variance predictor: one value per token (log duration, normalised pitch or energy) from the text
/// states and the voice: two residual conv <c>blocks</c> (kernel 3) and a 1×1 <c>projection</c>. The callers pass
/// detached text states so that these objectives do not pull the encoder away from what the mel needs (as Glow-TTS does
/// for durations). Shapes: x [B, C, L], mask [B, 1, L] → [B, L].
/// </summary>
public sealed class VariancePredictor : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<ConvBlock> blocks;
    private readonly Conv1d projection;

    public VariancePredictor(string name, long channels, double dropout) : base(name)
    {
        blocks = nn.ModuleList(Enumerable.Range(0, 2).Select(i => new ConvBlock($"{i}", channels, 3, 1, dropout)).ToArray());
        projection = nn.Conv1d(channels, 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        foreach (var block in blocks) x = block.call(x, mask);
        return (projection.call(x) * mask).squeeze(1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { blocks.Dispose(); projection.Dispose(); }
        base.Dispose(disposing);
    }
}
