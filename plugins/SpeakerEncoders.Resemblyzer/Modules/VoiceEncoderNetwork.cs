using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Modules;

/// <summary>
/// Resemblyzer's <c>VoiceEncoder</c> network: <c>lstm</c> (3 layers, 40 → 256, PyTorch gate order i, f, g, o with both
/// biases), the last layer's final hidden state → <c>linear</c> (256 → 256) → <c>relu</c> → divided by its L2 norm
/// (no epsilon, as the reference). Field names are the checkpoint's state-dict keys.
/// </summary>
internal sealed class VoiceEncoderNetwork : nn.Module<Tensor, Tensor>
{
    public const int MelChannels = 40, HiddenSize = 256, EmbeddingSize = 256, Layers = 3;

    private readonly LSTM lstm;
    private readonly Linear linear;
    private readonly ReLU relu;

    public VoiceEncoderNetwork() : base("VoiceEncoder")
    {
        lstm = nn.LSTM(MelChannels, HiddenSize, Layers, batchFirst: true);
        linear = nn.Linear(HiddenSize, EmbeddingSize);
        relu = nn.ReLU();
        RegisterComponents();
    }

    /// <summary>[N, frames, 40] mels → [N, 256] final hidden state of the last LSTM layer.</summary>
    public Tensor LastHidden(Tensor mels)
    {
        using var scope = NewDisposeScope();
        var (_, hidden, _) = lstm.call(mels);   // hidden: [layers, N, 256]
        return hidden[-1].MoveToOuterDisposeScope();
    }

    /// <summary>[N, frames, 40] mels → [N, 256] L2-normalised embeddings.</summary>
    public override Tensor forward(Tensor mels)
    {
        using var scope = NewDisposeScope();
        var raw = relu.call(linear.call(LastHidden(mels)));
        return (raw / raw.norm(1, keepdim: true)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { lstm.Dispose(); linear.Dispose(); relu.Dispose(); }
        base.Dispose(disposing);
    }
}
