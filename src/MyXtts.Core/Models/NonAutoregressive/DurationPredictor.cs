using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.NonAutoregressive;

/// <summary>
/// Predicts each token's log duration (in decoder steps) from the text states and the voice: two residual conv
/// <c>blocks</c> (kernel 3) and a 1×1 <c>projection</c>. The caller passes detached text states so that the duration
/// objective does not pull the encoder away from what the mel needs (as FastSpeech / Glow-TTS do). Shapes: x [B, C, L],
/// mask [B, 1, L] → [B, L].
/// </summary>
public sealed class DurationPredictor : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<ConvBlock> blocks;
    private readonly Conv1d projection;

    public DurationPredictor(string name, long channels, double dropout) : base(name)
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
