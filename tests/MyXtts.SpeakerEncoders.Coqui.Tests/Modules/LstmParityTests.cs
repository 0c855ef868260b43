using MyXtts.SpeakerEncoders.Coqui.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Coqui.Tests.Modules;

/// <summary>The LSTM encoder on the fixture's features (fixture README: ≤ 1e-5 on embeddings and layer outputs).</summary>
public class LstmParityTests
{
    private const string F = ParityFixtures.Lstm;

    public static TheoryData<string> Clips => new() { "synth", "real" };

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void Instance_norm_every_projected_layer_and_the_embeddings_match_the_reference(string clip)
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);
        var network = Encoders.Lstm(encoder);
        var feats = ParityFixtures.Tensor(F, $"feats_{clip}.npy");

        var features = network.Features(feats);
        var layers = network.LayerOutputs(features);

        TensorAssert.Close(ParityFixtures.Tensor(F, $"instnorm_{clip}.npy"), features, 1e-5, $"instnorm_{clip}");
        for (int i = 0; i < 3; i++) TensorAssert.Close(ParityFixtures.Tensor(F, $"layer{i}_{clip}.npy"), layers[i], 1e-5, $"layer{i}_{clip}");
        TensorAssert.Close(ParityFixtures.Tensor(F, $"emb_raw_{clip}.npy"), network.call(feats), 1e-5, $"emb_raw_{clip}");
        TensorAssert.Close(ParityFixtures.Tensor(F, $"emb_{clip}.npy"), network.Inference(feats), 1e-5, $"emb_{clip}");
    }

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void Compute_embedding_on_features_is_the_normalised_embedding_of_the_whole_input(string clip)
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);

        var embedding = encoder.EmbedFeatures(ParityFixtures.Tensor(F, $"feats_{clip}.npy")[0]);

        TensorAssert.Close(ParityFixtures.Tensor(F, $"compute_embedding_{clip}.npy")[0], embedding, 1e-5, $"compute_embedding_{clip}");
    }

    [ParityFact]
    public void Inference_on_a_batch_matches_the_reference()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);

        var embeddings = Encoders.Lstm(encoder).Inference(ParityFixtures.Tensor(F, "feats_batch.npy"));

        TensorAssert.Close(ParityFixtures.Tensor(F, "emb_batch.npy"), embeddings, 1e-5, "emb_batch");
    }
}
