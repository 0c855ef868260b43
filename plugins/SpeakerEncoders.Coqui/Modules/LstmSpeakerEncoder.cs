using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// Coqui's older <c>LSTMSpeakerEncoder</c>: optional <c>torch_spec</c> front end → InstanceNorm1d on [N, mels, T] →
/// [N, T, mels] → <c>layers</c> → the last time step (projected variant) or the final hidden state (plain variant).
/// </summary>
internal sealed class LstmSpeakerEncoder : CoquiSpeakerNetwork
{
    private readonly nn.Module<Tensor, Tensor> layers;
    private readonly Sequential? torch_spec;
    private readonly LstmShape _shape;

    public LstmSpeakerEncoder(LstmShape shape, Sequential? torchSpec) : base(nameof(LstmSpeakerEncoder))
    {
        _shape = shape;
        layers = shape.WithProjection ? ProjectedStack(shape) : new LstmWithoutProjection(shape.InputDim, shape.LstmDim, shape.ProjDim, shape.Layers);
        torch_spec = torchSpec;
        RegisterComponents();
    }

    public override int EmbeddingDim => _shape.ProjDim;

    public override bool TakesWaveforms => torch_spec is not null;

    /// <summary>The LSTM input: instancenorm(x).transpose(1, 2), [N, T, mels].</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = NewDisposeScope();
        var mel = torch_spec is null ? x : torch_spec.call(x.dim() == 3 ? x.squeeze(1) : x);
        return InstanceNorm(mel).transpose(1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>Output of each projected layer, all time steps ([N, T, proj] each), for parity checks.</summary>
    public IReadOnlyList<Tensor> LayerOutputs(Tensor features)
    {
        if (layers is not Sequential stack) throw new InvalidOperationException("Per-layer outputs exist only for the projected LSTM variant.");
        var outputs = new List<Tensor>();
        var x = features;
        foreach (var layer in stack.children()) outputs.Add(x = ((nn.Module<Tensor, Tensor>)layer).call(x));
        return outputs;
    }

    /// <summary><c>forward(x, l2_norm=False)</c> → [N, proj_dim].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var d = layers.call(Features(x));
        if (_shape.WithProjection) d = d[.., -1];                      // last time step
        return d.MoveToOuterDisposeScope();
    }

    private static Sequential ProjectedStack(LstmShape shape) => nn.Sequential(Enumerable.Range(0, shape.Layers)
        .Select(i => (i.ToString(), (nn.Module<Tensor, Tensor>)new LstmWithProjection(i == 0 ? shape.InputDim : shape.ProjDim, shape.LstmDim, shape.ProjDim)))
        .ToList());

    protected override void Dispose(bool disposing)
    {
        if (disposing) { layers.Dispose(); torch_spec?.Dispose(); }
        base.Dispose(disposing);
    }
}
