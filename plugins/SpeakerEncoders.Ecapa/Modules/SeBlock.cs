using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>Squeeze-excitation over valid frames: s = masked time mean → conv1 → ReLU → conv2 → sigmoid; returns x·s.</summary>
internal sealed class SeBlock : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly SbConv1d conv1;
    private readonly SbConv1d conv2;
#pragma warning restore IDE1006

    public SeBlock(long channels, long seChannels) : base(nameof(SeBlock))
    {
        conv1 = new SbConv1d(channels, seChannels, 1);
        conv2 = new SbConv1d(seChannels, channels, 1);
        RegisterComponents();
    }

    /// <param name="x">[B, C, L].</param>
    /// <param name="relativeLengths">[B] valid fraction of each row.</param>
    public override Tensor forward(Tensor x, Tensor relativeLengths)
    {
        using var scope = NewDisposeScope();
        var mask = LengthMask.Of(relativeLengths, x.shape[^1]);                         // [B, 1, L]
        var s = (x * mask).sum(2, keepdim: true) / mask.sum(2, keepdim: true);          // [B, C, 1]
        s = sigmoid(conv2.call(nn.functional.relu(conv1.call(s))));
        return (s * x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            conv2.Dispose();
        }
        base.Dispose(disposing);
    }
}
