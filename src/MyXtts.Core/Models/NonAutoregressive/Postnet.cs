using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.NonAutoregressive;

/// <summary>
/// Tacotron 2's postnet: five kernel-5 convolutions (tanh between them, LayerNorm over channels instead of batch norm
/// so rows of a batch never mix) predicting a residual that sharpens the decoder's mel. It works on the stacked frames,
/// so it costs 1/r of a full-rate postnet. Shapes: [B, rC, T'] → [B, rC, T'] (the residual only).
/// </summary>
public sealed class Postnet : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<Conv1d> convolutions;
    private readonly ModuleList<Layers.ChannelLayerNorm> norms;
    private readonly double _dropout;

    public Postnet(string name, long melChannels, long channels, double dropout, int layers = 5) : base(name)
    {
        _dropout = dropout;
        convolutions = nn.ModuleList(Enumerable.Range(0, layers)
            .Select(i => nn.Conv1d(i == 0 ? melChannels : channels, i == layers - 1 ? melChannels : channels, 5, padding: 2)).ToArray());
        norms = nn.ModuleList(Enumerable.Range(0, layers - 1).Select(i => new Layers.ChannelLayerNorm($"{i}", channels)).ToArray());
        RegisterComponents();
        using (no_grad()) { convolutions[layers - 1].weight!.mul_(0.1); convolutions[layers - 1].bias!.zero_(); }   // start near identity
    }

    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        for (var i = 0; i < convolutions.Count; i++)
        {
            x = convolutions[i].call(x * mask);
            if (i == convolutions.Count - 1) break;
            x = tanh(norms[i].call(x));
            if (_dropout > 0) x = nn.functional.dropout(x, _dropout, training);
        }
        return (x * mask).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { convolutions.Dispose(); norms.Dispose(); }
        base.Dispose(disposing);
    }
}
