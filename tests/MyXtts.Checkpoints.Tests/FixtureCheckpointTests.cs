using MyXtts.Checkpoints.Pickle;
using MyXtts.Checkpoints.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Tests;

/// <summary>The parity fixtures' checkpoints (real key layouts of the published files, random weights).</summary>
public sealed class FixtureCheckpointTests
{
    [ParityFact]
    public void The_ecapa_state_dict_has_all_231_keys_with_their_shapes_and_values()
    {
        using var checkpoint = CheckpointFile.Read(ParityFixtures.PathOf("ecapa_tdnn", "embedding_model.ckpt"));
        var sd = checkpoint.StateDict();

        Assert.Equal(231, sd.Count);
        Assert.Equal(new long[] { 64, 80, 5 }, sd["blocks.0.conv.conv.weight"].shape);
        Assert.Equal(new long[] { 16, 576, 1 }, sd["asp.tdnn.conv.conv.weight"].shape);
        Assert.Equal(ScalarType.Int64, sd["asp_bn.norm.num_batches_tracked"].dtype);
        Assert.Equal(59906L, sd["asp_bn.norm.num_batches_tracked"].item<long>());
        Assert.Equal([0.02619241f, -0.017756134f, 0.0488964207f], sd["blocks.0.conv.conv.bias"][..3].data<float>().ToArray());
        Assert.Equal(4.3894647201091175, sd["fc.conv.weight"].to(ScalarType.Float64).sum().item<double>(), 6);
    }

    [ParityFact]
    public void The_legacy_copies_hold_exactly_the_tensors_of_the_zip_files()
    {
        AssertSameStateDicts("resemblyzer", "pretrained.pt", "pretrained_legacy_format.pt", "model_state");
        AssertSameStateDicts("hifigan_v1", "g_00000000", "g_00000000_legacy_format", "generator");
    }

    [ParityFact]
    public void Coqui_and_hifigan_training_checkpoints_expose_config_step_and_optimizer_state_as_data()
    {
        using var coqui = CheckpointFile.Read(ParityFixtures.PathOf("coqui_lstm", "model_se.pth"));
        var root = Assert.IsType<PickleDict>(coqui.Root);
        Assert.IsType<PickleDict>(root["config"]);
        Assert.IsType<PickleDict>(Assert.IsType<PickleDict>(root["optimizer"])["state"]);
        Assert.NotEmpty(coqui.StateDict("model"));

        using var resnet = CheckpointFile.Read(ParityFixtures.PathOf("coqui_resnet", "model_se.pth"));
        Assert.Equal(101301L, Assert.IsType<PickleDict>(resnet.Root)["step"]);

        using var discriminators = CheckpointFile.Read(ParityFixtures.PathOf("hifigan_discriminators", "do_00000000"));
        Assert.NotEmpty(discriminators.StateDict("mpd"));
        Assert.NotEmpty(discriminators.StateDict("msd"));
    }

    private static void AssertSameStateDicts(string folder, string zip, string legacy, string wrapper)
    {
        using var a = CheckpointFile.Read(ParityFixtures.PathOf(folder, zip));
        using var b = CheckpointFile.Read(ParityFixtures.PathOf(folder, legacy));
        var left = a.StateDict(wrapper);
        var right = b.StateDict(wrapper);

        Assert.Equal(CheckpointFormat.TorchLegacy, b.Format);
        Assert.Equal(left.Keys, right.Keys);
        foreach (var (key, tensor) in left)
            Assert.True(Tensors.Same(tensor, right[key]), $"{folder}: {key}");
    }
}
