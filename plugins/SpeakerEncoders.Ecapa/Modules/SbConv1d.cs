using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>
/// SpeechBrain's <c>Conv1d</c> wrapper (field <c>conv</c>, hence keys <c>*.conv.weight</c>) with padding="same":
/// explicit <b>reflect</b> padding of dilation·(k−1)/2 on both sides, then an unpadded convolution. [B, C, T] → [B, C', T].
/// </summary>
internal sealed class SbConv1d : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are the PyTorch attribute names (state-dict keys)
    private readonly Conv1d conv;
#pragma warning restore IDE1006
    private readonly long _padding;

    public SbConv1d(long inChannels, long outChannels, long kernelSize, long dilation = 1, long groups = 1) : base(nameof(SbConv1d))
    {
        conv = nn.Conv1d(inChannels, outChannels, kernelSize, dilation: dilation, groups: groups);
        _padding = dilation * (kernelSize - 1) / 2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        if (_padding == 0) return conv.call(x);
        using var padded = nn.functional.pad(x, [_padding, _padding], PaddingModes.Reflect);
        return conv.call(padded);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) conv.Dispose();
        base.Dispose(disposing);
    }
}
