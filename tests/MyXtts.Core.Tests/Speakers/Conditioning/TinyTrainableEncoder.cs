using MyXtts.Abstractions.SpeakerEncoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Speakers.Conditioning;

/// <summary>
/// A speaker encoder small enough to fine-tune in a test: its <c>projection</c> (Linear 16 → 6) reads the first 16
/// samples of each waveform. Counts its Embed calls, so tests can tell whether a training step ran it.
/// </summary>
internal sealed class TinyTrainableEncoder : ITrainableSpeakerEncoder
{
    public const int Dim = 6, Window = 16;
    private readonly nn.Module<Tensor, Tensor> _network;

    public TinyTrainableEncoder(long seed = 3)
    {
        manual_seed(seed);
        _network = nn.Sequential(("projection", nn.Linear(Window, Dim)));
        _network.eval();
    }

    public int Calls { get; private set; }
    public int EmbeddingDim => Dim;
    public int SampleRate => 16000;
    public nn.Module Module => _network;

    public void LoadWeights(string path) => throw new NotSupportedException("The test encoder has no weights file.");

    public Tensor Embed(Tensor waveforms, Tensor lengths)
    {
        Calls++;
        return _network.call(waveforms[.., ..Window].to(ScalarType.Float32));
    }

    public void Dispose() => _network.Dispose();
}
