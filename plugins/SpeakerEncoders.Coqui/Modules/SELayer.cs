using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>Squeeze-excitation: global average over (freq, time) → <c>fc</c> = Linear → ReLU → Linear → Sigmoid → channel scale.</summary>
internal sealed class SELayer : nn.Module<Tensor, Tensor>
{
    private readonly Sequential fc;

    /// <summary><paramref name="reduced"/> = channel / reduction (8 in Coqui); read from the checkpoint shapes.</summary>
    public SELayer(long channels, long reduced) : base(nameof(SELayer))
    {
        fc = nn.Sequential(("0", nn.Linear(channels, reduced)), ("1", nn.ReLU()), ("2", nn.Linear(reduced, channels)), ("3", nn.Sigmoid()));
        RegisterComponents();
    }

    /// <summary>[B, C, F, T] → [B, C, F, T].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var squeezed = x.mean([2, 3]);                                  // [B, C]
        var scale = fc.call(squeezed).unsqueeze(-1).unsqueeze(-1);      // [B, C, 1, 1]
        return (x * scale).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) fc.Dispose();
        base.Dispose(disposing);
    }
}
