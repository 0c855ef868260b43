using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Audio.Resampling;
using static TorchSharp.torch;

namespace MyXtts.Core.Evaluation.Speaker;

/// <summary>
/// A weights-free speaker embedding, NOT a neural speaker encoder: the mean and standard deviation over speech
/// frames of MFCC c1..c19 (16 kHz, pre-emphasis 0.97, 25 ms Hamming frames every 10 ms, 40 Slaney mel bands from
/// 20 to 7600 Hz, DCT-II; frames within 26 dB of the loudest kept; c0, the loudness, left out). It captures
/// timbre and channel coarsely: good enough to rank voices that differ clearly, blind to what a trained encoder
/// hears. Use it when no speaker encoder plugin is selected, and label its numbers as such.
/// </summary>
public sealed class MfccStatisticsEmbedding : IDisposable
{
    /// <summary>How reports name this embedding.</summary>
    public const string Name = "mfcc_statistics";

    private const int Rate = 16000, NFft = 512, Hop = 160, Window = 400, Bands = 40, Coefficients = 20;
    private const double KeepBelowPeak = 6;   // natural-log energy units: about 26 dB
    private readonly SincResampler _resampler = new();
    private readonly Tensor _filterbank;      // [Bands, NFft/2 + 1]
    private readonly Tensor _dct;             // [Coefficients, Bands]
    private readonly Tensor _window;

    /// <summary>Builds the filterbank and DCT.</summary>
    public MfccStatisticsEmbedding()
    {
        _filterbank = tensor(SlaneyMelFilterbank.Build(Rate, NFft, Bands, 20, 7600), [Bands, NFft / 2 + 1]).DetachFromDisposeScope();
        var dct = new float[Coefficients * Bands];
        for (int n = 0; n < Coefficients; n++)
            for (int k = 0; k < Bands; k++) dct[n * Bands + k] = (float)Math.Cos(Math.PI * n * (2 * k + 1) / (2.0 * Bands));
        _dct = tensor(dct, [Coefficients, Bands]).DetachFromDisposeScope();
        _window = hamming_window(Window, periodic: false).DetachFromDisposeScope();
    }

    /// <summary>Embedding size: mean and std of 19 coefficients.</summary>
    public int Dimension => 2 * (Coefficients - 1);

    /// <summary>The embedding of a mono clip at <paramref name="sampleRate"/> (at least one 25 ms frame long).</summary>
    public float[] Embed(float[] samples, int sampleRate)
    {
        var x = sampleRate == Rate ? samples : _resampler.Resample(samples, sampleRate, Rate);
        if (x.Length < Window) throw new ArgumentException($"A clip of {x.Length} samples at 16 kHz is shorter than one 25 ms frame.", nameof(samples));
        using var scope = NewDisposeScope();
        var wave = tensor(x);
        var emphasized = cat([wave[..1], wave[1..] - 0.97f * wave[..^1]]);
        var spectrum = stft(emphasized, NFft, Hop, Window, _window, center: false, return_complex: true);   // [257, F]
        var power = spectrum.abs().pow(2);
        var energy = power.sum(0).add(1e-10f).log();                                                      // [F]
        var speech = energy.gt(energy.max() - KeepBelowPeak).to(ScalarType.Float32);                      // [F] 1 = kept
        var mfcc = matmul(_dct, matmul(_filterbank, power).add(1e-10f).log())[1..];                        // [19, F]
        var frames = speech.sum();
        var mean = (mfcc * speech).sum(1) / frames;                                                         // [19]
        var std = ((mfcc - mean.unsqueeze(1)).pow(2) * speech).sum(1).div(frames).sqrt();                  // [19]
        var stats = cat([mean, std]);
        return stats.data<float>().ToArray();
    }

    /// <summary>Frees the cached tensors.</summary>
    public void Dispose()
    {
        _filterbank.Dispose();
        _dct.Dispose();
        _window.Dispose();
        _resampler.Dispose();
    }
}
