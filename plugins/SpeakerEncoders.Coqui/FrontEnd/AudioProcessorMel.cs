using MyXtts.Plugins.SpeakerEncoders.Coqui.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.FrontEnd;

/// <summary>
/// Coqui's <c>AudioProcessor.melspectrogram</c>, the front end of encoders without <c>torch_spec</c> (the LSTM encoders):
/// pre-emphasis (<c>lfilter([1, −coef], [1])</c>), librosa STFT (periodic Hann of win_length centred in fft_size,
/// centering with <c>stft_pad_mode</c>), magnitude, Slaney mel basis, <c>spec_gain · log(max(1e-8, ·))</c>, then the
/// range normalisation of <c>signal_norm</c>. Mean-variance stats files are not supported.
/// </summary>
internal sealed class AudioProcessorMel
{
    private readonly CoquiAudioConfig _audio;
    private readonly float[] _basis;

    public AudioProcessorMel(CoquiAudioConfig audio)
    {
        if (audio.SignalNorm && audio.StatsPath is not null)
            throw new NotSupportedException(
                $"The encoder's config normalises mels with a mean-variance stats file (audio.stats_path = '{audio.StatsPath}'), which this " +
                "plugin does not read. Use an encoder trained without stats_path (YourTTS-era encoders use the ResNet torch front end).");
        if (audio.WinLength > audio.FftSize)
            throw new InvalidDataException($"audio.win_length ({audio.WinLength}) must not exceed audio.fft_size ({audio.FftSize}).");
        _audio = audio;
        _basis = SlaneyMelBasis.Build(audio.SampleRate, audio.FftSize, audio.NumMels, audio.MelFmin, audio.MelFmax);
    }

    /// <summary>[T] clip → [num_mels, 1 + T / hop] features, in the caller's dispose scope.</summary>
    public Tensor Forward(Tensor clip)
    {
        using var scope = NewDisposeScope();
        var y = _audio.Preemphasis != 0 ? Preemphasis(clip, _audio.Preemphasis) : clip;
        int half = _audio.FftSize / 2;
        var padded = nn.functional.pad(y.reshape(1, 1, -1), [half, half], PadMode(_audio.StftPadMode)).reshape(-1);
        var window = hann_window(_audio.WinLength, periodic: true, dtype: clip.dtype, device: clip.device);
        var magnitude = stft(padded, _audio.FftSize, _audio.HopLength, _audio.WinLength, window, center: false,
            onesided: true, return_complex: true).abs();                                   // [fft/2 + 1, F]
        var mel = matmul(tensor(_basis, [_audio.NumMels, half + 1], device: clip.device), magnitude);
        if (_audio.DoAmpToDbMel) mel = AmpToDb(mel);
        return Normalize(mel).MoveToOuterDisposeScope();
    }

    private static Tensor Preemphasis(Tensor x, double coef) => cat([x[..1], x[1..] - coef * x[..^1]]);

    private Tensor AmpToDb(Tensor x)
    {
        var floored = x.clamp_min(1e-8);
        return _audio.SpecGain * (_audio.LogBase10 ? floored.log10() : floored.log());
    }

    private Tensor Normalize(Tensor s)
    {
        if (!_audio.SignalNorm) return s;
        var normalised = (s - _audio.RefLevelDb - _audio.MinLevelDb) / -_audio.MinLevelDb;
        if (_audio.SymmetricNorm)
        {
            normalised = 2 * _audio.MaxNorm * normalised - _audio.MaxNorm;
            return _audio.ClipNorm ? normalised.clamp(-_audio.MaxNorm, _audio.MaxNorm) : normalised;
        }
        normalised = _audio.MaxNorm * normalised;
        return _audio.ClipNorm ? normalised.clamp(0, _audio.MaxNorm) : normalised;
    }

    private static PaddingModes PadMode(string mode) => mode switch
    {
        "reflect" => PaddingModes.Reflect,
        "constant" => PaddingModes.Constant,
        "edge" or "replicate" => PaddingModes.Replicate,
        _ => throw new InvalidDataException($"audio.stft_pad_mode '{mode}' is not supported; valid: reflect, constant, edge."),
    };
}
