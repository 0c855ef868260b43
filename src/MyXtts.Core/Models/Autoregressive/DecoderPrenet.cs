using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Autoregressive;

/// <summary>
/// Tacotron 2's decoder prenet: two <c>layers</c> (Linear + ReLU) with dropout that stays on at inference. Always-on
/// dropout is deliberate: it is the information bottleneck that stops an autoregressive decoder from copying its previous
/// frame instead of reading the text, and it makes inference see the same noisy inputs training did.
/// Shapes: [B, T, in] → [B, T, dim].
/// </summary>
public sealed class DecoderPrenet : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly double _dropout;

    public DecoderPrenet(string name, long inputDim, long dim, double dropout) : base(name)
    {
        if (dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Prenet dropout must be in [0, 1).");
        _dropout = dropout;
        layers = nn.ModuleList(nn.Linear(inputDim, dim), nn.Linear(dim, dim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        foreach (var layer in layers)
        {
            x = nn.functional.relu(layer.call(x));
            if (_dropout > 0) x = nn.functional.dropout(x, _dropout, training: true);   // on in eval mode too, on purpose
        }
        return x.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
