using MyXtts.Abstractions.Audio;
using static TorchSharp.torch;

namespace MyXtts.Core.Audio.Mel;

/// <summary>
/// The project's one mel definition, HiFi-GAN's <c>meldataset.mel_spectrogram</c>: <see cref="PaddedStft"/>,
/// magnitude sqrt(re² + im² + 1e-9), Slaney mel basis with Slaney norm, natural log of max(x, <see cref="MelSettings.LogClamp"/>).
/// The window and basis are cached per device and dtype; results land in the caller's dispose scope.
/// </summary>
public sealed class MelSpectrogram : IDisposable
{
    private const double MagnitudeEpsilon = 1e-9;

    /// <summary>Creates the extractor for <paramref name="settings"/>.</summary>
    public MelSpectrogram(MelSettings settings)
    {
        Settings = settings;
        Stft = new PaddedStft(settings);
        Scale = new MelScale(settings);
    }

    /// <summary>The mel definition.</summary>
    public MelSettings Settings { get; }

    /// <summary>The framing (also used to invert spectra, e.g. by Griffin-Lim).</summary>
    public PaddedStft Stft { get; }

    /// <summary>Linear ↔ mel conversion with the same basis.</summary>
    public MelScale Scale { get; }

    /// <summary>Frames produced for <paramref name="samples"/> samples.</summary>
    public long FrameCount(long samples) => Stft.FrameCount(samples);

    /// <summary>[B, T] (or [T]) waveforms → log-mel [B, n_mels, frames] (or [n_mels, frames]).</summary>
    public Tensor Compute(Tensor waveforms)
    {
        using var scope = NewDisposeScope();
        return LogMel(Scale.LinearToMel(Magnitude(waveforms))).MoveToOuterDisposeScope();
    }

    /// <summary>[B, T] (or [T]) waveforms → STFT magnitude sqrt(re² + im² + 1e-9), [B, n_fft/2 + 1, frames].</summary>
    public Tensor Magnitude(Tensor waveforms)
    {
        using var scope = NewDisposeScope();
        bool single = waveforms.dim() == 1;
        var spec = view_as_real(Stft.Forward(single ? waveforms.unsqueeze(0) : waveforms));   // [B, freq, F, 2]
        var magnitude = spec.pow(2).sum(-1).add(MagnitudeEpsilon).sqrt();
        return (single ? magnitude.squeeze(0) : magnitude).MoveToOuterDisposeScope();
    }

    /// <summary>Mel magnitudes → log-mel: log(max(x, LogClamp)).</summary>
    public Tensor LogMel(Tensor melMagnitude) => melMagnitude.clamp_min(Settings.LogClamp).log();

    /// <summary>Frees the cached window and basis tensors.</summary>
    public void Dispose()
    {
        Stft.Dispose();
        Scale.Dispose();
    }
}
