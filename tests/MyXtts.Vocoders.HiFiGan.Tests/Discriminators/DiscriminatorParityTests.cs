using MyXtts.Plugins.Vocoders.HiFiGan.Checkpoints;
using MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;
using MyXtts.Plugins.Vocoders.HiFiGan.Losses;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Discriminators;

public sealed class DiscriminatorParityTests
{
    private const string Folder = "hifigan_discriminators";

    [ParityFact]
    public void Multi_period_discriminator_reproduces_the_reference_scores_and_feature_maps()
    {
        using var state = LoadState();
        var mpd = state.Mpd;
        mpd.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var outputs = mpd.call(ParityFixtures.Tensor(Folder, "y.npy"), ParityFixtures.Tensor(Folder, "y_hat.npy"));
        AssertMatches("mpd", outputs, 5, 6);
    }

    [ParityFact]
    public void Multi_scale_discriminator_in_eval_mode_reproduces_the_reference_scores_and_feature_maps()
    {
        using var state = LoadState();
        var msd = state.Msd;
        msd.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var outputs = msd.call(ParityFixtures.Tensor(Folder, "y.npy"), ParityFixtures.Tensor(Folder, "y_hat.npy"));
        AssertMatches("msd", outputs, 3, 8);
    }

    [ParityFact]
    public void Multi_scale_discriminator_in_train_mode_runs_one_power_iteration_per_call_and_updates_u_and_v()
    {
        using var state = LoadState();
        var msd = state.Msd;
        msd.train();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var outputs = msd.call(ParityFixtures.Tensor(Folder, "y.npy"), ParityFixtures.Tensor(Folder, "y_hat.npy"));
        TensorAssert.Parity(ParityFixtures.Tensor(Folder, "msd_train_y_d_r_0.npy"), outputs.RealScores[0], "train y_d_r_0");
        TensorAssert.Parity(ParityFixtures.Tensor(Folder, "msd_train_y_d_g_0.npy"), outputs.FakeScores[0], "train y_d_g_0");
        var buffers = msd.state_dict();
        foreach (var layer in Enumerable.Range(0, 7).Select(i => $"convs.{i}").Append("conv_post"))
            foreach (var vector in new[] { "u", "v" })
                TensorAssert.Close(ParityFixtures.Tensor(Folder, $"msd_train_after_{layer}_weight_{vector}.npy"),
                    buffers[$"discriminators.0.{layer}.weight_{vector}"], 1e-5, 0, $"{layer} weight_{vector}");
    }

    [ParityFact]
    public void Losses_reproduce_the_reference_discriminator_generator_and_feature_matching_values()
    {
        using var state = LoadState();
        var (mpd, msd) = (state.Mpd, state.Msd);
        mpd.eval();
        msd.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var y = ParityFixtures.Tensor(Folder, "y.npy");
        var yHat = ParityFixtures.Tensor(Folder, "y_hat.npy");
        var f = mpd.call(y, yHat);
        var s = msd.call(y, yHat);
        AssertDiscriminatorLoss("loss_disc_f.npy", AdversarialLosses.Discriminator(f.RealScores, f.FakeScores));
        AssertDiscriminatorLoss("loss_disc_s.npy", AdversarialLosses.Discriminator(s.RealScores, s.FakeScores));
        AssertGeneratorLoss("loss_gen_f.npy", AdversarialLosses.Generator(f.FakeScores));
        AssertGeneratorLoss("loss_gen_s.npy", AdversarialLosses.Generator(s.FakeScores));
        var fm = stack([AdversarialLosses.FeatureMatching(f.RealFeatureMaps, f.FakeFeatureMaps), AdversarialLosses.FeatureMatching(s.RealFeatureMaps, s.FakeFeatureMaps)]);
        TensorAssert.Parity(ParityFixtures.Tensor(Folder, "loss_fm.npy"), fm, "loss_fm");
    }

    [ParityFact]
    public void Discriminator_checkpoint_reads_the_width_and_the_training_position_from_the_file()
    {
        using var state = LoadState();
        Assert.Equal(0, state.Steps);
        Assert.Equal(0, state.Epoch);
        var shapes = state.Msd.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        Assert.Equal([16L, 4, 41], shapes["discriminators.0.convs.1.weight_orig"]);
    }

    private static DiscriminatorState LoadState() => DiscriminatorCheckpoint.Load(ParityFixtures.PathOf(Folder, "do_00000000"));

    private static void AssertMatches(string prefix, DiscriminatorOutputs outputs, int discriminators, int featureMaps)
    {
        Assert.Equal(discriminators, outputs.RealScores.Count);
        for (int i = 0; i < discriminators; i++)
        {
            TensorAssert.Parity(ParityFixtures.Tensor(Folder, $"{prefix}_y_d_r_{i}.npy"), outputs.RealScores[i], $"{prefix} y_d_r {i}");
            TensorAssert.Parity(ParityFixtures.Tensor(Folder, $"{prefix}_y_d_g_{i}.npy"), outputs.FakeScores[i], $"{prefix} y_d_g {i}");
            Assert.Equal(featureMaps, outputs.RealFeatureMaps[i].Count);
            for (int j = 0; j < featureMaps; j++)
            {
                TensorAssert.Parity(ParityFixtures.Tensor(Folder, $"{prefix}_fmap_r_{i}_{j}.npy"), outputs.RealFeatureMaps[i][j], $"{prefix} fmap_r {i} {j}");
                TensorAssert.Parity(ParityFixtures.Tensor(Folder, $"{prefix}_fmap_g_{i}_{j}.npy"), outputs.FakeFeatureMaps[i][j], $"{prefix} fmap_g {i} {j}");
            }
        }
    }

    private static void AssertDiscriminatorLoss(string file, DiscriminatorLossParts loss) =>
        TensorAssert.Parity(ParityFixtures.Tensor(Folder, file), stack([loss.Total, .. loss.RealLosses, .. loss.FakeLosses]), file);

    private static void AssertGeneratorLoss(string file, LossParts loss) =>
        TensorAssert.Parity(ParityFixtures.Tensor(Folder, file), stack([loss.Total, .. loss.Parts]), file);
}
