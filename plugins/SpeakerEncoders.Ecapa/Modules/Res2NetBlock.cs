using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>
/// Res2Net: the channels split into <c>scale</c> chunks; y0 = x0, y1 = blk0(x1), yi = blk(i−1)(xi + y(i−1)); concatenated.
/// </summary>
internal sealed class Res2NetBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly ModuleList<TdnnBlock> blocks;
#pragma warning restore IDE1006
    private readonly int _scale;

    public Res2NetBlock(long channels, int scale, long kernelSize, long dilation) : base(nameof(Res2NetBlock))
    {
        _scale = scale;
        long width = channels / scale;
        blocks = new ModuleList<TdnnBlock>(Enumerable.Range(0, scale - 1).Select(_ => new TdnnBlock(width, width, kernelSize, dilation)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var chunks = x.chunk(_scale, dim: 1);
        var outputs = new Tensor[_scale];
        outputs[0] = chunks[0];
        for (int i = 1; i < _scale; i++)
            outputs[i] = blocks[i - 1].call(i == 1 ? chunks[i] : chunks[i] + outputs[i - 1]);
        return cat(outputs, dim: 1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) blocks.Dispose();
        base.Dispose(disposing);
    }
}
