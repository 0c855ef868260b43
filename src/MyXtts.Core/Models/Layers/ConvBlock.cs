using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Layers;

/// <summary>
/// Residual masked convolution: y = x + dropout(LayerNorm_C(ReLU(conv(x · mask)))), then masked again. The input is
/// masked before the convolution so padding never reaches a valid frame through the kernel. Shapes: x [B, C, T],
/// mask [B, 1, T] (1 = valid).
/// </summary>
public sealed class ConvBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Conv1d conv;
    private readonly ChannelLayerNorm norm;
    private readonly double _dropout;

    public ConvBlock(string name, long channels, long kernelSize, long dilation, double dropout) : base(name)
    {
        _dropout = dropout;
        conv = nn.Conv1d(channels, channels, kernelSize, padding: kernelSize / 2 * dilation, dilation: dilation);
        norm = new ChannelLayerNorm("norm", channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var y = norm.call(nn.functional.relu(conv.call(x * mask)));
        if (_dropout > 0) y = nn.functional.dropout(y, _dropout, training);
        return ((x + y) * mask).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { conv.Dispose(); norm.Dispose(); }
        base.Dispose(disposing);
    }
}
