using MyXtts.Plugins.Shared;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.FrontEnd;
using MyXtts.SpeakerEncoders.Resemblyzer.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Resemblyzer.Tests.FrontEnd;

/// <summary>The front end against Resemblyzer's own outputs (fixture README: mel ≤ 1e-5 × max, slices exact).</summary>
public class ResemblyzerFrontEndParityTests
{
    public static TheoryData<string> Clips => new() { "synth", "real", "short" };

    [ParityFact]
    public void The_mel_basis_equals_librosas_slaney_filterbank()
    {
        using var scope = NewDisposeScope();
        var basis = tensor(SlaneyMelBasis.Build(16000, 400, 40), [40, 201]);

        TensorAssert.Close(ParityFixtures.Tensor("mel_basis.npy"), basis, 1e-8, "mel_basis");
    }

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void The_mel_power_spectrogram_of_the_padded_clip_matches_the_reference(string clip)
    {
        using var scope = NewDisposeScope();
        using var mel = new ResemblyzerMel();

        var actual = mel.Forward(ParityFixtures.Tensor($"wav_padded_{clip}.npy").unsqueeze(0))[0];

        TensorAssert.CloseRelative(ParityFixtures.Tensor($"mel_{clip}.npy"), actual, 1e-5, $"mel_{clip}");
    }

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void Partial_windows_and_the_zero_padded_length_match_the_reference_exactly(string clip)
    {
        using var scope = NewDisposeScope();
        long samples = ParityFixtures.Tensor($"wav_{clip}.npy").shape[0];
        var expected = ParityFixtures.Tensor($"mel_slices_{clip}.npy").data<long>().ToArray();

        var slices = PartialSlices.Compute(samples, 1.3, 0.75);

        Assert.Equal(expected, slices.SelectMany(s => new long[] { s.Start, s.Stop }).ToArray());
        Assert.Equal(ParityFixtures.Tensor($"wav_padded_{clip}.npy").shape[0], PartialSlices.PaddedLength(samples, slices));
    }

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void Partial_mels_cut_from_the_batch_mel_match_the_reference_model_input(string clip)
    {
        using var scope = NewDisposeScope();
        using var mel = new ResemblyzerMel();
        var wav = ParityFixtures.Tensor($"wav_padded_{clip}.npy").unsqueeze(0);
        var slices = PartialSlices.Compute(ParityFixtures.Tensor($"wav_{clip}.npy").shape[0], 1.3, 0.75);

        var partials = stack(UtteranceEmbedder.PartialMels(mel.Forward(wav), [slices]));

        TensorAssert.CloseRelative(ParityFixtures.Tensor($"partial_mels_{clip}.npy"), partials, 1e-5, $"partial_mels_{clip}");
    }

    [ParityFact]
    public void Volume_normalisation_raises_a_quiet_clip_to_minus_30_dbfs_as_the_reference()
    {
        using var scope = NewDisposeScope();
        var raw = ParityFixtures.Tensor("wav_real_raw.npy").unsqueeze(0);

        var actual = VolumeNormalizer.IncreaseOnly(raw, tensor(new[] { raw.shape[1] }), -30)[0];

        TensorAssert.CloseRelative(ParityFixtures.Tensor("normalize_volume_real.npy"), actual, 1e-6, "normalize_volume_real");
    }
}
