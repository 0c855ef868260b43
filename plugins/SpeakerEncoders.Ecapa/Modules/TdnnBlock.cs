using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>TDNNBlock: conv → ReLU → BatchNorm (the norm comes <b>after</b> the activation); dropout 0 is the identity.</summary>
internal sealed class TdnnBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly SbConv1d conv;
    private readonly SbBatchNorm1d norm;
#pragma warning restore IDE1006

    public TdnnBlock(long inChannels, long outChannels, long kernelSize, long dilation, long groups = 1) : base(nameof(TdnnBlock))
    {
        conv = new SbConv1d(inChannels, outChannels, kernelSize, dilation, groups);
        norm = new SbBatchNorm1d(outChannels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return norm.call(nn.functional.relu(conv.call(x))).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv.Dispose();
            norm.Dispose();
        }
        base.Dispose(disposing);
    }
}
