using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Audio.Mel;
using static TorchSharp.torch;

namespace MyXtts.Core.Audio.Vocoding;

/// <summary>
/// The built-in vocoder that needs no training: log-mel → mel magnitude → linear magnitude (pseudo-inverse refined by
/// non-negative least squares) → fast Griffin-Lim. Audible but phasey; use it to listen to an acoustic model before
/// a neural vocoder is trained, or as a reference in tests.
/// </summary>
[Plugin("griffin_lim", Options = typeof(GriffinLimOptions),
    Summary = "Griffin-Lim phase reconstruction from the mel; no weights, CPU/GPU, a baseline before a neural vocoder")]
public sealed class GriffinLimVocoder : IVocoder
{
    private readonly GriffinLimOptions _options;
    private readonly MelSpectrogram _mel;

    /// <summary>Creates the vocoder for the run's mel definition.</summary>
    public GriffinLimVocoder(GriffinLimOptions options, MelSettings mel)
    {
        options.Validate();
        _options = options;
        _mel = new MelSpectrogram(mel);
    }

    /// <inheritdoc />
    public MelSettings Mel => _mel.Settings;

    /// <summary>Always throws: Griffin-Lim reconstructs phase from the mel alone and has no weights.</summary>
    public void LoadWeights(string path) =>
        throw new NotSupportedException(
            $"The griffin_lim vocoder has no weights, so '{path}' cannot be loaded into it. Remove the vocoder weights setting, " +
            "or select a neural vocoder plugin (e.g. --plugin hifigan) to use a checkpoint.");

    /// <summary>[B, n_mels, F] (or [n_mels, F]) log-mel → [B, F · hop] (or [F · hop]) samples clipped to [-1, 1].</summary>
    public Tensor Synthesize(Tensor logMel)
    {
        if (logMel.dim() is not (2 or 3) || logMel.shape[^2] != Mel.NMels)
            throw new ArgumentException(
                $"griffin_lim expects a log-mel [batch, {Mel.NMels}, frames]; got [{string.Join(", ", logMel.shape)}].", nameof(logMel));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        bool single = logMel.dim() == 2;
        var mel = (single ? logMel.unsqueeze(0) : logMel).to(ScalarType.Float32).exp();
        var linear = _mel.Scale.MelToLinear(mel, _options.NnlsIterations);
        if (_options.Power != 1.0) linear = linear.pow(_options.Power);
        var audio = GriffinLim.Reconstruct(linear, _mel.Stft, _options.Iterations, _options.Momentum, _options.Seed).clamp(-1, 1);
        return (single ? audio.squeeze(0) : audio).MoveToOuterDisposeScope();
    }

    /// <summary>Frees the cached window and basis tensors.</summary>
    public void Dispose() => _mel.Dispose();
}
