using MyXtts.Plugins.SpeakerEncoders.Ecapa;
using MyXtts.SpeakerEncoders.Ecapa.Tests.TestSupport;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Ecapa.Tests;

/// <summary>
/// The network and the whole plugin against SpeechBrain's outputs for the fixture checkpoint (random weights, published
/// key layout): each block, pooling and embedding within 1e-4 × max |reference| (the fixture README's tolerance).
/// </summary>
public sealed class NetworkParityTests
{
    private const double Relative = 1e-4;

    private static EcapaTdnnEncoder LoadedEncoder()
    {
        var encoder = new EcapaTdnnEncoder(Logger.None);
        encoder.LoadWeights(EcapaFixtures.Checkpoint);
        return encoder;
    }

    [ParityFact]
    public void Every_block_pooling_and_the_embedding_match_for_the_reference_features()
    {
        using var scope = NewDisposeScope();
        using var encoder = LoadedEncoder();
        var trace = new Dictionary<string, Tensor>();

        var embedding = encoder.Network!.Forward(EcapaFixtures.Load("feats_synth.npy"), ones(1), trace);

        foreach (var name in new[] { "block0", "block1", "block2", "block3", "mfa", "asp", "asp_bn" })
            TensorAssert.CloseRelative(EcapaFixtures.Load($"ecapa_{name}.npy"), trace[name], Relative, name);
        TensorAssert.CloseRelative(EcapaFixtures.Load("emb_synth.npy"), embedding, Relative, "emb_synth");
    }

    [ParityTheory]
    [InlineData("synth")]
    [InlineData("real0")]
    public void A_waveform_embeds_like_speechbrains_encode_batch(string name)
    {
        using var scope = NewDisposeScope();
        using var encoder = LoadedEncoder();
        var wav = EcapaFixtures.Load($"wav_{name}.npy").unsqueeze(0);

        var embedding = encoder.Embed(wav, tensor(new[] { wav.shape[1] }));

        Assert.Equal(32, encoder.EmbeddingDim);
        TensorAssert.CloseRelative(EcapaFixtures.Load($"emb_{name}.npy").squeeze(1), embedding, Relative, $"emb_{name}");
    }

    [ParityFact]
    public void A_padded_batch_with_lengths_embeds_like_speechbrain()
    {
        using var scope = NewDisposeScope();
        using var encoder = LoadedEncoder();
        var wavs = EcapaFixtures.Load("wav_batch.npy");

        var embedding = encoder.Embed(wavs, tensor(new long[] { 48000, 40000 }));

        TensorAssert.CloseRelative(EcapaFixtures.Load("emb_batch.npy").squeeze(1), embedding, Relative, "emb_batch");
    }
}
