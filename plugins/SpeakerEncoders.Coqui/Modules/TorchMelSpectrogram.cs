using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// torchaudio's <c>MelSpectrogram</c> as Coqui builds it (hamming window, power 2, HTK mel, no norm), reduced to its two
/// state-dict buffers: <c>spectrogram.window</c> [win_length] and <c>mel_scale.fb</c> [n_fft/2 + 1, n_mels]. The window
/// is zero-padded to n_fft and centred by <c>torch.stft</c>; centering pads the signal with reflection.
/// </summary>
internal sealed class TorchMelSpectrogram : nn.Module<Tensor, Tensor>
{
    private readonly BufferHolder spectrogram;
    private readonly BufferHolder mel_scale;
    private readonly int _hopLength;

    /// <summary>Buffers shaped for a window of <paramref name="winLength"/>, n_fft <paramref name="nFft"/> and <paramref name="nMels"/> bands.</summary>
    public TorchMelSpectrogram(int winLength, int nFft, int nMels, int hopLength) : base("MelSpectrogram")
    {
        if (winLength > nFft || hopLength <= 0)
            throw new ArgumentException($"The Coqui mel front end needs win_length ({winLength}) <= fft_size ({nFft}) and hop_length ({hopLength}) > 0.");
        spectrogram = new BufferHolder("Spectrogram", "window", zeros(winLength));
        mel_scale = new BufferHolder("MelScale", "fb", zeros(nFft / 2 + 1, nMels));
        _hopLength = hopLength;
        NFft = nFft;
        RegisterComponents();
    }

    public int NFft { get; }

    /// <summary>[N, T] → [N, n_mels, 1 + T / hop] mel power.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var window = spectrogram.Buffer;
        var spec = stft(x, NFft, _hopLength, window.shape[0], window, center: true, pad_mode: PaddingModes.Reflect,
            normalized: false, onesided: true, return_complex: true).abs().pow(2);   // [N, n_fft/2 + 1, F]
        return matmul(spec.transpose(-1, -2), mel_scale.Buffer).transpose(-1, -2).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { spectrogram.Dispose(); mel_scale.Dispose(); }
        base.Dispose(disposing);
    }

    /// <summary>A module that only carries one persistent buffer (torchaudio's Spectrogram / MelScale, for their keys).</summary>
    private sealed class BufferHolder : nn.Module
    {
        private readonly string _bufferName;

        public BufferHolder(string name, string bufferName, Tensor initial) : base(name)
        {
            _bufferName = bufferName;
            register_buffer(bufferName, initial.DetachFromDisposeScope());
        }

        public Tensor Buffer => get_buffer(_bufferName)!;
    }
}
