using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>SpeechBrain's <c>BatchNorm1d</c> wrapper (field <c>norm</c>), over the channels of [B, C, T]; eps 1e-5.</summary>
internal sealed class SbBatchNorm1d : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly BatchNorm1d norm;
#pragma warning restore IDE1006

    public SbBatchNorm1d(long channels) : base(nameof(SbBatchNorm1d))
    {
        norm = nn.BatchNorm1d(channels, eps: 1e-5, momentum: 0.1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => norm.call(x);

    protected override void Dispose(bool disposing)
    {
        if (disposing) norm.Dispose();
        base.Dispose(disposing);
    }
}
