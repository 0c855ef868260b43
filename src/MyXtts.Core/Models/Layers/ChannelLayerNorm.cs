using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Layers;

/// <summary>LayerNorm over the channels of a channel-first tensor: [B, C, T] → [B, C, T] (field <c>ln</c>).</summary>
public sealed class ChannelLayerNorm : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm ln;

    public ChannelLayerNorm(string name, long channels) : base(name)
    {
        ln = nn.LayerNorm(channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => ln.call(x.transpose(1, 2)).transpose(1, 2);

    protected override void Dispose(bool disposing)
    {
        if (disposing) ln.Dispose();
        base.Dispose(disposing);
    }
}
