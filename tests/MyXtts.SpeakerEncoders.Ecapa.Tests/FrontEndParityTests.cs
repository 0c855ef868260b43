using MyXtts.Plugins.SpeakerEncoders.Ecapa.FrontEnd;
using MyXtts.SpeakerEncoders.Ecapa.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Ecapa.Tests;

/// <summary>Fbank and sentence normalisation against SpeechBrain's outputs (fixture README tolerances: 1e-3 dB / 1e-3).</summary>
public sealed class FrontEndParityTests
{
    [ParityFact]
    public void The_filterbank_matrix_matches_speechbrains_triangles()
    {
        using var scope = NewDisposeScope();
        using var fbank = new Fbank();

        TensorAssert.Close(EcapaFixtures.Load("fbank_matrix.npy"), fbank.Matrix, 1e-6, "fbank_matrix");
    }

    [ParityFact]
    public void The_power_spectrum_matches_relative_to_its_peak()
    {
        using var scope = NewDisposeScope();
        using var fbank = new Fbank();
        var wav = EcapaFixtures.Load("wav_synth.npy").unsqueeze(0);

        TensorAssert.CloseRelative(EcapaFixtures.Load("stft_power_synth.npy"), fbank.PowerSpectrum(wav), 1e-5, "stft_power_synth");
    }

    [ParityTheory]
    [InlineData("synth")]
    [InlineData("real0")]
    public void Single_utterance_fbank_and_normalised_features_match(string name)
    {
        using var scope = NewDisposeScope();
        using var fbank = new Fbank();
        var wav = EcapaFixtures.Load($"wav_{name}.npy").unsqueeze(0);

        var features = fbank.Compute(wav);
        var normalised = SentenceMeanNormalization.Apply(features, ones(1));

        TensorAssert.Close(EcapaFixtures.Load($"fbank_{name}.npy"), features, 1e-3, $"fbank_{name}");
        TensorAssert.Close(EcapaFixtures.Load($"feats_{name}.npy"), normalised, 1e-3, $"feats_{name}");
    }

    [ParityFact]
    public void A_padded_batch_normalises_each_row_over_its_own_valid_frames()
    {
        using var scope = NewDisposeScope();
        using var fbank = new Fbank();

        var features = fbank.Compute(EcapaFixtures.Load("wav_batch.npy"));
        var normalised = SentenceMeanNormalization.Apply(features, EcapaFixtures.Load("wav_lens_batch.npy"));

        TensorAssert.Close(EcapaFixtures.Load("fbank_batch.npy"), features, 1e-3, "fbank_batch");
        TensorAssert.Close(EcapaFixtures.Load("feats_batch.npy"), normalised, 1e-3, "feats_batch");
    }
}
