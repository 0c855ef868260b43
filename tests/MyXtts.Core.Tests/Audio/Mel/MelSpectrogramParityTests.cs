using MyXtts.Abstractions.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Audio.Mel;

/// <summary>
/// Against jik876/hifi-gan meldataset.mel_spectrogram outputs (fixtures/hifigan_mel), at the tightest tolerances that hold
/// (DEVELOPERS.md, "Mel parity", has the measurements): basis ≤ 1e-7 absolute; magnitude ≤ 1e-6 × its peak (measured
/// 1.5e-7); log-mel within 1e-4 wherever the reference is ≥ −8 (mel ≥ 3.4e-4; measured ≤ 4.8e-5), for ≥ 99.8 % of all
/// values (measured 99.87 % and 99.91 %), and ≤ 4e-4 anywhere (measured 3.2e-4). The last 0.1 % sit next to the 1e-5
/// clamp, where log turns float32 FFT rounding into 1e-4..3e-4: the fixture itself is 1.6e-4 from a float64 computation
/// there, so no more accurate implementation can be within 1e-4 of it everywhere.
/// </summary>
public class MelSpectrogramParityTests
{
    private const string Folder = "hifigan_mel";
    private static readonly MelSettings HifiGan = new();
    private static readonly MelSettings HifiGanLoss = new() { FMax = 11025 };

    [ParityFact]
    public void Slaney_basis_with_fmax_8000_matches_librosa() => AssertBasis(HifiGan, "mel_basis_fmax8000.npy");

    [ParityFact]
    public void Slaney_basis_with_fmax_none_matches_librosa() => AssertBasis(HifiGanLoss, "mel_basis_fmaxNone.npy");

    [ParityFact]
    public void Stft_magnitude_matches_the_reference_within_1e_6_of_its_peak()
    {
        using var scope = NewDisposeScope();
        using var mel = new MelSpectrogram(HifiGan);
        var expected = ParityFixtures.Npy(Folder, "spec_mag.npy").ToTensor();
        var actual = mel.Magnitude(ParityFixtures.Npy(Folder, "wav_in.npy").ToTensor());
        Assert.Equal(expected.shape, actual.shape);
        double maxDiff = (actual - expected).abs().max().item<float>();
        Assert.True(maxDiff <= 1e-6 * expected.abs().max().item<float>(), $"max |diff| {maxDiff}");
    }

    [ParityFact]
    public void Log_mel_with_fmax_8000_matches_the_reference() => AssertLogMel(HifiGan, "mel_fmax8000.npy");

    [ParityFact]
    public void Log_mel_with_fmax_none_matches_the_reference() => AssertLogMel(HifiGanLoss, "mel_fmaxNone.npy");

    private static void AssertBasis(MelSettings settings, string file)
    {
        var expected = ParityFixtures.Npy(Folder, file);
        var actual = SlaneyMelFilterbank.Build(settings.SampleRate, settings.NFft, settings.NMels, settings.FMin, settings.FMax);
        Assert.Equal([80L, 513L], expected.Shape);
        var reference = expected.ToFloatArray();
        double maxDiff = actual.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1e-7, $"max |diff| {maxDiff}");
    }

    private static void AssertLogMel(MelSettings settings, string file)
    {
        using var scope = NewDisposeScope();
        using var mel = new MelSpectrogram(settings);
        var expected = ParityFixtures.Npy(Folder, file).ToTensor();
        var actual = mel.Compute(ParityFixtures.Npy(Folder, "wav_in.npy").ToTensor());
        Assert.Equal(expected.shape, actual.shape);
        var diff = (actual - expected).abs();
        double maxDiff = diff.max().item<float>();
        double within = (diff <= 1e-4).to(ScalarType.Float64).mean().item<double>();
        double aboveClampRegion = diff.masked_select(expected >= -8).max().item<float>();
        Assert.True(aboveClampRegion <= 1e-4, $"max |diff| {aboveClampRegion} where the reference log-mel is >= -8");
        Assert.True(within >= 0.998, $"only {within:P3} of values within 1e-4 (max |diff| {maxDiff})");
        Assert.True(maxDiff <= 4e-4, $"max |diff| {maxDiff}");
    }
}
