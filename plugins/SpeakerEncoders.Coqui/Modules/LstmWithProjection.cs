using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>Coqui's <c>LSTMWithProjection</c>: a one-layer <c>lstm</c> over the sequence, then a bias-free <c>linear</c> on every step.</summary>
internal sealed class LstmWithProjection : nn.Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly Linear linear;

    public LstmWithProjection(long inputSize, long hiddenSize, long projSize) : base("LSTMWithProjection")
    {
        lstm = nn.LSTM(inputSize, hiddenSize, batchFirst: true);
        linear = nn.Linear(hiddenSize, projSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>[N, T, in] → [N, T, proj].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (output, _, _) = lstm.call(x);
        return linear.call(output).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { lstm.Dispose(); linear.Dispose(); }
        base.Dispose(disposing);
    }
}
