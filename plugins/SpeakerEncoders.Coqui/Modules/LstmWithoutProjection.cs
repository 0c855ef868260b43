using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// Coqui's <c>LSTMWithoutProjection</c> (<c>use_lstm_with_projection=False</c>): a multi-layer <c>lstm</c>, the last
/// layer's final hidden state → <c>linear</c> (with bias) → <c>relu</c>.
/// </summary>
internal sealed class LstmWithoutProjection : nn.Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly Linear linear;
    private readonly ReLU relu;

    public LstmWithoutProjection(long inputSize, long hiddenSize, long projSize, long layers) : base("LSTMWithoutProjection")
    {
        lstm = nn.LSTM(inputSize, hiddenSize, layers, batchFirst: true);
        linear = nn.Linear(hiddenSize, projSize);
        relu = nn.ReLU();
        RegisterComponents();
    }

    /// <summary>[N, T, in] → [N, proj].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (_, hidden, _) = lstm.call(x);
        return relu.call(linear.call(hidden[-1])).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { lstm.Dispose(); linear.Dispose(); relu.Dispose(); }
        base.Dispose(disposing);
    }
}
