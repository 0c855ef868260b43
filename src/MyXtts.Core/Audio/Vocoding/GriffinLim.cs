using MyXtts.Core.Audio.Mel;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Audio.Vocoding;

/// <summary>
/// Fast Griffin-Lim (torchaudio.functional.griffinlim's update rule): alternate projections between the target
/// magnitude and consistent spectrograms, with momentum on the rebuilt spectrum, using the project's
/// <see cref="PaddedStft"/> framing so F frames give F · hop samples.
/// </summary>
public static class GriffinLim
{
    private const double Epsilon = 1e-16;

    /// <summary>
    /// [B, n_fft/2 + 1, F] linear magnitudes → [B, F · hop] waveforms, in the caller's dispose scope.
    /// The initial phase is uniform random from <paramref name="seed"/>.
    /// </summary>
    public static Tensor Reconstruct(Tensor magnitude, PaddedStft stft, int iterations, double momentum, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        using var scope = NewDisposeScope();
        var angles = RandomPhase(magnitude, seed);
        Tensor previous = zeros_like(angles);
        double decay = momentum / (1 + momentum);
        for (int i = 0; i < iterations; i++)
        {
            using var step = NewDisposeScope();
            var rebuilt = stft.Forward(stft.Inverse(magnitude * angles));
            var accelerated = momentum > 0 ? rebuilt - previous * decay : rebuilt;
            angles.Dispose();
            previous.Dispose();
            angles = (accelerated / (accelerated.abs() + Epsilon)).MoveToOuterDisposeScope();
            previous = rebuilt.MoveToOuterDisposeScope();
        }
        return stft.Inverse(magnitude * angles).MoveToOuterDisposeScope();
    }

    /// <summary>Spectral convergence ‖|S| − M‖_F / ‖M‖_F of <paramref name="waveform"/>'s STFT against target magnitudes <paramref name="magnitude"/>.</summary>
    public static double SpectralConvergence(Tensor waveform, Tensor magnitude, PaddedStft stft)
    {
        using var scope = NewDisposeScope();
        var rebuilt = stft.Forward(waveform).abs();
        return ((rebuilt - magnitude).norm() / magnitude.norm()).item<float>();
    }

    private static Tensor RandomPhase(Tensor like, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var phase = rand(like.shape, ScalarType.Float64, generator: generator).mul_(2 * Math.PI).to(like.dtype, like.device);
        return polar(ones_like(phase), phase);
    }
}
