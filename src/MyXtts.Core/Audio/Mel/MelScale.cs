using MyXtts.Abstractions.Audio;
using static TorchSharp.torch;

namespace MyXtts.Core.Audio.Mel;

/// <summary>
/// The Slaney mel basis of a <see cref="MelSettings"/> as a linear map between STFT magnitudes and mel magnitudes,
/// with an approximate inverse (minimum-norm pseudo-inverse, then projected-gradient non-negative least squares)
/// for Griffin-Lim. Tensors are cached per device and dtype.
/// </summary>
public sealed class MelScale : IDisposable
{
    private readonly DeviceTensorCache _basis;
    private readonly DeviceTensorCache _pseudoInverse;
    private readonly Lazy<double> _lipschitz;

    /// <summary>Builds the scale for <paramref name="settings"/>.</summary>
    public MelScale(MelSettings settings)
    {
        Settings = settings;
        FrequencyBins = settings.NFft / 2 + 1;
        var weights = SlaneyMelFilterbank.Build(settings.SampleRate, settings.NFft, settings.NMels, settings.FMin, settings.FMax);
        _basis = new DeviceTensorCache((device, type) => tensor(weights, [settings.NMels, FrequencyBins], type, device));
        // The pseudo-inverse is computed once in float64 on the CPU, then moved: small (n_freq × n_mels) and well defined.
        _pseudoInverse = new DeviceTensorCache((device, type) =>
            linalg.pinv(Basis(CPU, ScalarType.Float64)).to(type, device));
        _lipschitz = new Lazy<double>(() =>
        {
            using var scope = NewDisposeScope();
            return Math.Pow(linalg.matrix_norm(Basis(CPU, ScalarType.Float64), ord: 2).item<double>(), 2);
        });
    }

    /// <summary>The mel definition.</summary>
    public MelSettings Settings { get; }

    /// <summary>n_fft / 2 + 1.</summary>
    public int FrequencyBins { get; }

    /// <summary>The [n_mels, n_fft/2 + 1] basis on <paramref name="device"/> (cached; do not dispose).</summary>
    public Tensor Basis(Device device, ScalarType type) => _basis.Get(device, type);

    /// <summary>[..., n_freq, F] magnitudes → [..., n_mels, F] mel magnitudes (basis @ x).</summary>
    public Tensor LinearToMel(Tensor magnitude) => matmul(Basis(magnitude.device, magnitude.dtype), magnitude);

    /// <summary>
    /// [..., n_mels, F] mel magnitudes → non-negative [..., n_freq, F] magnitudes whose mel projection best matches them:
    /// relu(pinv(basis) @ mel), refined by <paramref name="nnlsIterations"/> projected-gradient steps on ‖basis·x − mel‖².
    /// </summary>
    public Tensor MelToLinear(Tensor melMagnitude, int nnlsIterations = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nnlsIterations);
        using var scope = NewDisposeScope();
        var basis = Basis(melMagnitude.device, melMagnitude.dtype);
        var x = matmul(_pseudoInverse.Get(melMagnitude.device, melMagnitude.dtype), melMagnitude).relu_();
        double step = 1.0 / _lipschitz.Value;
        for (int i = 0; i < nnlsIterations; i++)
        {
            using var iteration = NewDisposeScope();
            var gradient = matmul(basis.t(), matmul(basis, x) - melMagnitude);
            x.sub_(gradient.mul_(step)).relu_();
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Frees the cached tensors.</summary>
    public void Dispose()
    {
        _basis.Dispose();
        _pseudoInverse.Dispose();
    }
}
