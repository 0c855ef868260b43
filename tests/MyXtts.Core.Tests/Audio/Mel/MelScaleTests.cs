using MyXtts.Abstractions.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Audio.Mel;

public class MelScaleTests
{
    [Fact]
    public void Mel_to_linear_is_non_negative_and_nnls_lowers_the_mel_residual()
    {
        using var scope = NewDisposeScope();
        using var mel = new MelSpectrogram(new MelSettings());
        var magnitude = mel.Magnitude(tensor(Signals.Harmonic(150, 20, 22050, 32 * 256)));
        var target = mel.Scale.LinearToMel(magnitude);
        var plain = mel.Scale.MelToLinear(target, nnlsIterations: 0);
        var refined = mel.Scale.MelToLinear(target, nnlsIterations: 50);
        double Residual(Tensor linear) => ((mel.Scale.LinearToMel(linear) - target).norm() / target.norm()).item<float>();
        Assert.True(refined.min().item<float>() >= 0);
        Assert.True(Residual(refined) < Residual(plain), $"{Residual(refined)} vs {Residual(plain)}");
        Assert.True(Residual(refined) < 0.02, $"residual {Residual(refined)}");
    }

    [Fact]
    public void A_440_hz_tone_peaks_in_the_mel_band_that_contains_440_hz()
    {
        using var scope = NewDisposeScope();
        using var mel = new MelSpectrogram(new MelSettings());
        var logMel = mel.Compute(tensor(Signals.Sine(440, 22050, 22050, 0.5)));
        int peak = (int)logMel.mean([1]).argmax().item<long>();
        double low = SlaneyMelFilterbank.MelToHz(SlaneyMelFilterbank.HzToMel(0) + peak * SlaneyMelFilterbank.HzToMel(8000) / 81);
        double high = SlaneyMelFilterbank.MelToHz(SlaneyMelFilterbank.HzToMel(0) + (peak + 2) * SlaneyMelFilterbank.HzToMel(8000) / 81);
        Assert.InRange(440, low, high);
    }

    [Fact]
    public void Slaney_mel_scale_is_linear_below_1_khz_and_round_trips()
    {
        Assert.Equal(15.0, SlaneyMelFilterbank.HzToMel(1000), 12);
        Assert.Equal(7.5, SlaneyMelFilterbank.HzToMel(500), 12);
        foreach (var hz in new[] { 0.0, 200, 999, 1000, 4000, 11025 })
            Assert.Equal(hz, SlaneyMelFilterbank.MelToHz(SlaneyMelFilterbank.HzToMel(hz)), 9);
    }

    [Fact]
    public void Band_edges_outside_zero_to_nyquist_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SlaneyMelFilterbank.Build(16000, 512, 64, 0, 9000));
    }

    [Fact]
    public void Cached_tensors_survive_the_callers_dispose_scope()
    {
        using var mel = new MelSpectrogram(new MelSettings());
        using (var first = NewDisposeScope()) mel.Compute(zeros(2, 4096));
        using var second = NewDisposeScope();
        Assert.Equal([2L, 80L, 16L], mel.Compute(zeros(2, 4096)).shape);
    }
}
