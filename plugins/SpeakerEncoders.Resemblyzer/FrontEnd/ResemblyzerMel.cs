using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer.FrontEnd;

/// <summary>
/// Resemblyzer's <c>wav_to_mel_spectrogram</c>: librosa.feature.melspectrogram at 16 kHz with n_fft = win = 400,
/// hop 160, a periodic Hann window, zero-padded centering (librosa ≥ 0.9, which Resemblyzer 0.1.4 requires),
/// |STFT|² and the 40-band Slaney basis. Mel <b>power</b>, no log. A clip of N samples gives 1 + N / 160 frames.
/// </summary>
internal sealed class ResemblyzerMel : IDisposable
{
    public const int SampleRate = 16000, NFft = 400, HopLength = 160, MelChannels = 40;

    private readonly Dictionary<string, (Tensor Window, Tensor Basis)> _constants = [];
    private readonly float[] _basis = SlaneyMelBasis.Build(SampleRate, NFft, MelChannels);

    /// <summary>[B, N] float waveforms → [B, 1 + N / 160, 40] mel power, in the caller's dispose scope.</summary>
    public Tensor Forward(Tensor waveforms)
    {
        if (waveforms.dim() != 2)
            throw new ArgumentException($"The Resemblyzer mel front end takes [batch, samples]; got [{string.Join(", ", waveforms.shape)}].");
        using var scope = NewDisposeScope();
        var (window, basis) = Constants(waveforms.device);
        // center=True, pad_mode="constant": n_fft / 2 zeros on each side, then plain framing.
        var padded = nn.functional.pad(waveforms, [NFft / 2, NFft / 2]);
        var spectrum = stft(padded, NFft, HopLength, NFft, window, center: false, onesided: true, return_complex: true);
        var power = spectrum.abs().pow(2);                                   // [B, 201, F]
        return matmul(basis, power).transpose(1, 2).contiguous().MoveToOuterDisposeScope();   // [B, F, 40]
    }

    public void Dispose()
    {
        foreach (var (window, basis) in _constants.Values) { window.Dispose(); basis.Dispose(); }
        _constants.Clear();
    }

    private (Tensor Window, Tensor Basis) Constants(Device device)
    {
        lock (_constants)
        {
            var key = device.ToString();
            if (_constants.TryGetValue(key, out var found)) return found;
            var window = hann_window(NFft, periodic: true, dtype: ScalarType.Float32).to(device).DetachFromDisposeScope();
            var basis = tensor(_basis, [MelChannels, NFft / 2 + 1]).to(device).DetachFromDisposeScope();
            return _constants[key] = (window, basis);
        }
    }
}
