using MyXtts.Abstractions.Audio;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Audio.Mel;

/// <summary>
/// The STFT framing of HiFi-GAN's <c>mel_spectrogram</c>: reflect-pad (n_fft − hop) / 2 on both sides, then
/// <c>torch.stft(center=False)</c> with a periodic Hann window of win_length (zero-padded to n_fft, centred).
/// A clip of F·hop samples gives exactly F frames, and <see cref="Inverse"/> maps F frames back to F·hop samples.
/// </summary>
public sealed class PaddedStft : IDisposable
{
    private readonly DeviceTensorCache _window;

    /// <summary>Creates the transform for <paramref name="settings"/>' n_fft, hop and window length.</summary>
    public PaddedStft(MelSettings settings)
    {
        if (settings.WinLength > settings.NFft || settings.HopLength <= 0 || settings.WinLength <= 0)
            throw new ArgumentException(
                $"STFT needs 0 < win_length ({settings.WinLength}) <= n_fft ({settings.NFft}) and hop_length > 0 ({settings.HopLength}).");
        Settings = settings;
        _window = new DeviceTensorCache((device, type) => hann_window(settings.WinLength, periodic: true, dtype: type, device: device));
    }

    /// <summary>The n_fft / hop / win_length source.</summary>
    public MelSettings Settings { get; }

    /// <summary>Reflect padding on each side: (n_fft − hop) / 2, rounded down as HiFi-GAN's <c>int(...)</c>.</summary>
    public int Padding => (Settings.NFft - Settings.HopLength) / 2;

    /// <summary>Frames for a clip of <paramref name="samples"/> samples.</summary>
    public long FrameCount(long samples) => (samples + 2 * Padding - Settings.NFft) / Settings.HopLength + 1;

    /// <summary>The periodic Hann window (length win_length) cached for <paramref name="device"/>.</summary>
    public Tensor Window(Device device, ScalarType type) => _window.Get(device, type);

    /// <summary>[B, T] float waveforms → complex [B, n_fft/2 + 1, frames], in the caller's dispose scope.</summary>
    public Tensor Forward(Tensor waveforms)
    {
        if (waveforms.dim() != 2)
            throw new ArgumentException($"STFT input must be [batch, samples]; got [{string.Join(", ", waveforms.shape)}].", nameof(waveforms));
        if (waveforms.shape[1] <= Padding)
            throw new ArgumentException(
                $"A clip of {waveforms.shape[1]} samples is too short for the mel front end: reflect padding needs more than {Padding} " +
                $"samples (n_fft {Settings.NFft}, hop {Settings.HopLength}). Drop or pad clips this short.", nameof(waveforms));
        using var scope = NewDisposeScope();
        var padded = nn.functional.pad(waveforms.unsqueeze(1), [Padding, Padding], PaddingModes.Reflect).squeeze(1);
        var spec = stft(padded, Settings.NFft, Settings.HopLength, Settings.WinLength,
            Window(waveforms.device, waveforms.dtype), center: false, normalized: false, onesided: true, return_complex: true);
        return spec.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Complex [B, n_fft/2 + 1, F] → [B, F·hop] by inverse FFT, windowed overlap-add and division by the summed squared
    /// window (least-squares ISTFT), then removal of the reflect padding. Done by hand because <c>torch.istft</c>
    /// rejects center=False with a Hann window (its envelope is zero at the first sample).
    /// </summary>
    public Tensor Inverse(Tensor spectrum)
    {
        using var scope = NewDisposeScope();
        long frames = spectrum.shape[2];
        int nFft = Settings.NFft, hop = Settings.HopLength;
        long total = (frames - 1) * hop + nFft;
        var window = FullWindow(spectrum.device, real(spectrum).dtype);                      // [n_fft]
        var segments = fft.irfft(spectrum, nFft, dim: 1) * window.unsqueeze(-1);            // [B, n_fft, F]
        var summed = OverlapAdd(segments, total);                                            // [B, total]
        var envelope = OverlapAdd(window.pow(2).unsqueeze(-1).expand(1, nFft, frames), total); // [1, total]
        var normalised = summed / where(envelope > 1e-11, envelope, ones_like(envelope));
        return normalised[.., Padding..(int)(Padding + frames * hop)].contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Frees the cached windows.</summary>
    public void Dispose() => _window.Dispose();

    private Tensor FullWindow(Device device, ScalarType type)
    {
        int left = (Settings.NFft - Settings.WinLength) / 2;
        var w = Window(device, type);
        return left == 0 && Settings.WinLength == Settings.NFft
            ? w.alias()
            : nn.functional.pad(w, [left, Settings.NFft - Settings.WinLength - left]);
    }

    // [B, n_fft, F] frames → [B, (F-1)·hop + n_fft] sums, as fold over a 1 × n_fft kernel.
    private Tensor OverlapAdd(Tensor segments, long total) =>
        nn.functional.fold(segments, (1, total), (1, Settings.NFft), stride: (1, Settings.HopLength)).flatten(1);
}
