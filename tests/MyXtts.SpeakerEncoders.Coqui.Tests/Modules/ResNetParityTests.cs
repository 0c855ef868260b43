using MyXtts.Plugins.SpeakerEncoders.Coqui.FrontEnd;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;
using MyXtts.SpeakerEncoders.Coqui.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Coqui.Tests.Modules;

/// <summary>
/// The ResNet encoder stage by stage against the reference (fixture README: mel ≤ 1e-5 × max, logmel_instnorm ≤ 1e-4,
/// emb_raw / fc_in ≤ 1e-4 × max, l2-normed embeddings ≤ 1e-5).
/// </summary>
public class ResNetParityTests
{
    private const string F = ParityFixtures.ResNet;

    public static TheoryData<string> Clips => new() { "synth", "real", "short" };

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void Rms_normalisation_pre_emphasis_and_the_torch_mel_match_the_reference(string clip)
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);
        var torchSpec = Encoders.ResNet(encoder).named_children().Single(c => c.name == "torch_spec").module as TorchSharp.Modules.Sequential;

        var rms = WaveformPreprocessing.Apply(ParityFixtures.Tensor(F, $"wav_{clip}.npy"), encoder.Loaded.Audio);
        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, $"wav_rmsnorm_{clip}.npy"), rms, 1e-6, $"wav_rmsnorm_{clip}");
        var input = ParityFixtures.Tensor(F, $"wav_rmsnorm_{clip}.npy").unsqueeze(0);
        var preemphasis = (nn.Module<Tensor, Tensor>)torchSpec!.children().First();
        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, $"preemph_{clip}.npy"), preemphasis.call(input), 1e-6, $"preemph_{clip}");
        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, $"mel_{clip}.npy"), torchSpec.call(input), 1e-5, $"mel_{clip}");
    }

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void Features_trunk_attention_pooling_and_embeddings_match_the_reference(string clip)
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);
        var network = Encoders.ResNet(encoder);
        var input = ParityFixtures.Tensor(F, $"wav_rmsnorm_{clip}.npy").unsqueeze(0);

        var features = network.Features(input);
        var trunk = network.Trunk(features);
        var (weights, pooled) = network.Pool(trunk);

        // From the reference mel: log(mel + 1e-6) turns float32 FFT noise in near-silent bins (|Δmel| ~1e-9 on values
        // ~1e-5, far inside the mel tolerance) into ~2e-4, so that stage is checked on its own input.
        var referenceMel = ParityFixtures.Tensor(F, $"mel_{clip}.npy");
        TensorAssert.Close(ParityFixtures.Tensor(F, $"logmel_instnorm_{clip}.npy"), network.NormalizeMel(referenceMel), 1e-4, $"logmel_instnorm_{clip}");
        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, $"layer4_{clip}.npy"), trunk, 1e-4, $"layer4_{clip}");
        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, $"attention_w_{clip}.npy"), weights, 1e-4, $"attention_w_{clip}");
        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, $"fc_in_{clip}.npy"), pooled, 1e-4, $"fc_in_{clip}");
        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, $"emb_raw_{clip}.npy"), network.call(input), 1e-4, $"emb_raw_{clip}");
        TensorAssert.Close(ParityFixtures.Tensor(F, $"emb_{clip}.npy"), network.Inference(input), 1e-5, $"emb_{clip}");
    }

    [ParityFact]
    public void The_stem_applies_relu_before_batch_norm_as_the_reference()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);
        var network = Encoders.ResNet(encoder);

        var stem = network.Stem(network.Features(ParityFixtures.Tensor(F, "wav_rmsnorm_short.npy").unsqueeze(0)));

        TensorAssert.CloseRelative(ParityFixtures.Tensor(F, "stem_short.npy"), stem, 1e-4, "stem_short");
    }

    [ParityFact]
    public void Inference_on_an_equal_length_batch_matches_the_reference()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);

        var embeddings = Encoders.ResNet(encoder).Inference(ParityFixtures.Tensor(F, "wav_batch.npy"));

        TensorAssert.Close(ParityFixtures.Tensor(F, "emb_batch.npy"), embeddings, 1e-5, "emb_batch");
    }
}
