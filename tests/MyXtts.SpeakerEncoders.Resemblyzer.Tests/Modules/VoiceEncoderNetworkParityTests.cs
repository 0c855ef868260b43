using MyXtts.Checkpoints;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Loading;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Modules;
using MyXtts.SpeakerEncoders.Resemblyzer.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Resemblyzer.Tests.Modules;

/// <summary>The network on the reference's own partial mels (fixture README: ≤ 1e-5).</summary>
public class VoiceEncoderNetworkParityTests
{
    public static TheoryData<string> Clips => new() { "synth", "real", "short" };

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void The_last_layers_final_hidden_state_and_the_partial_embeddings_match_the_reference(string clip)
    {
        using var scope = NewDisposeScope();
        using var network = Loaded();
        var mels = ParityFixtures.Tensor($"partial_mels_{clip}.npy");

        TensorAssert.Close(ParityFixtures.Tensor($"lstm_hidden_last_{clip}.npy"), network.LastHidden(mels), 1e-5, $"lstm_hidden_last_{clip}");
        TensorAssert.Close(ParityFixtures.Tensor($"partial_embeds_{clip}.npy"), network.call(mels), 1e-5, $"partial_embeds_{clip}");
    }

    [ParityFact]
    public void The_lstm_runs_on_a_whole_mel_of_any_length()
    {
        using var scope = NewDisposeScope();
        using var network = Loaded();

        var embedding = network.call(ParityFixtures.Tensor("mel_synth.npy").unsqueeze(0));

        TensorAssert.Close(ParityFixtures.Tensor("embed_fullmel_synth.npy"), embedding, 1e-5, "embed_fullmel_synth");
    }

    [ParityFact]
    public void The_network_has_exactly_the_checkpoint_keys_and_shapes_except_the_training_only_similarity_scalars()
    {
        using var network = new VoiceEncoderNetwork();
        using var checkpoint = CheckpointFile.Read(ParityFixtures.PathOf("pretrained.pt"));

        var file = checkpoint.StateDict("model_state").Where(p => !p.Key.StartsWith("similarity_")).ToDictionary(p => p.Key, p => p.Value.shape);
        var module = network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

        Assert.Equal(file.Keys.Order(), module.Keys.Order());
        Assert.All(file, p => Assert.Equal(p.Value, module[p.Key]));
    }

    private static VoiceEncoderNetwork Loaded()
    {
        var network = new VoiceEncoderNetwork();
        network.eval();
        VoiceEncoderWeights.Load(network, ParityFixtures.PathOf("pretrained.pt"));
        return network;
    }
}
