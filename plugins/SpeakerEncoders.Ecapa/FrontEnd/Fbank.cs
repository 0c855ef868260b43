using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.FrontEnd;

/// <summary>
/// SpeechBrain <c>Fbank(n_mels=80)</c> at 16 kHz: STFT (n_fft 400, hop 160, periodic Hamming 400, centred with
/// <b>zero</b> padding) → power spectrum → HTK triangular filterbank → 10·log10(max(x, 1e-10)) → per-utterance
/// top_db = 80 floor (the maximum over all frames and mels of that row, padding included). [B, N] → [B, 1 + N/160, 80].
/// The spectrum, mel and log run in float64: the reference's own float32 rounding already reaches ~1e-3 dB in
/// near-silent bins (80 dB below the peak), so a second, different float32 FFT would double that error.
/// </summary>
internal sealed class Fbank : IDisposable
{
    public const int SampleRate = 16000;
    public const int NFft = 400;
    public const int HopLength = 160;
    public const int MelBins = 80;
    private const double TopDb = 80;
    private const double Amin = 1e-10;

    private Tensor _window = hamming_window(NFft, periodic: true, dtype: ScalarType.Float32).to(ScalarType.Float64).DetachFromDisposeScope();
    private Tensor _matrix = HtkFilterbank.Create(NFft / 2 + 1, MelBins, 0, SampleRate / 2).DetachFromDisposeScope();

    /// <summary>The filterbank matrix [201, 80].</summary>
    public Tensor Matrix => _matrix;

    /// <summary>|STFT|² as [B, T, 201], float64.</summary>
    public Tensor PowerSpectrum(Tensor waveforms)
    {
        using var scope = NewDisposeScope();
        MoveTo(waveforms.device);
        var spectrum = stft(waveforms.to(ScalarType.Float64), NFft, HopLength, NFft, _window, center: true, pad_mode: PaddingModes.Constant,
            normalized: false, onesided: true, return_complex: true);                          // [B, 201, T]
        var power = view_as_real(spectrum).pow(2).sum(-1);                                      // re² + im²
        return power.transpose(1, 2).MoveToOuterDisposeScope();                                 // [B, T, 201]
    }

    /// <summary>Log-mel filterbank energies in dB, [B, T, 80], float32.</summary>
    public Tensor Compute(Tensor waveforms)
    {
        using var scope = NewDisposeScope();
        var mel = matmul(PowerSpectrum(waveforms), _matrix.to(ScalarType.Float64));            // [B, T, 80]
        var db = 10 * log10(mel.clamp(min: Amin));
        var floor = db.amax([-2, -1]) - TopDb;                                                  // [B]
        return maximum(db, floor.view(-1, 1, 1)).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    private void MoveTo(Device device)
    {
        if (_window.device == device) return;
        var window = _window.to(device).DetachFromDisposeScope();
        var matrix = _matrix.to(device).DetachFromDisposeScope();
        _window.Dispose();
        _matrix.Dispose();
        (_window, _matrix) = (window, matrix);
    }

    public void Dispose()
    {
        _window.Dispose();
        _matrix.Dispose();
    }
}
