using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>tdnn1 (k=1) → Res2Net → tdnn2 (k=1) → SE → + residual (a k=1 <c>shortcut</c> conv only when channels change).</summary>
internal sealed class SeRes2NetBlock : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly TdnnBlock tdnn1;
    private readonly Res2NetBlock res2net_block;
    private readonly TdnnBlock tdnn2;
    private readonly SeBlock se_block;
    private readonly SbConv1d? shortcut;
#pragma warning restore IDE1006

    public SeRes2NetBlock(EcapaBlockShape shape, int scale, long seChannels) : base(nameof(SeRes2NetBlock))
    {
        tdnn1 = new TdnnBlock(shape.InChannels, shape.OutChannels, 1, 1);
        res2net_block = new Res2NetBlock(shape.OutChannels, scale, shape.KernelSize, shape.Dilation);
        tdnn2 = new TdnnBlock(shape.OutChannels, shape.OutChannels, 1, 1);
        se_block = new SeBlock(shape.OutChannels, seChannels);
        if (shape.InChannels != shape.OutChannels) shortcut = new SbConv1d(shape.InChannels, shape.OutChannels, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor relativeLengths)
    {
        using var scope = NewDisposeScope();
        var residual = shortcut is null ? x : shortcut.call(x);
        var y = tdnn2.call(res2net_block.call(tdnn1.call(x)));
        return (se_block.call(y, relativeLengths) + residual).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tdnn1.Dispose();
            res2net_block.Dispose();
            tdnn2.Dispose();
            se_block.Dispose();
            shortcut?.Dispose();
        }
        base.Dispose(disposing);
    }
}
