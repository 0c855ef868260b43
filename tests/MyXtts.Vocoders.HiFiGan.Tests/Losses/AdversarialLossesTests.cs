using MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;
using MyXtts.Plugins.Vocoders.HiFiGan.Losses;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Losses;

public sealed class AdversarialLossesTests
{
    [Fact]
    public void Discriminator_loss_is_zero_when_real_scores_are_one_and_generated_scores_are_zero()
    {
        using var scope = NewDisposeScope();
        var loss = AdversarialLosses.Discriminator([ones(2, 5), ones(2, 3)], [zeros(2, 5), zeros(2, 3)]);
        Assert.Equal(0f, loss.Total.item<float>());
        Assert.Equal(2, loss.RealLosses.Count);
    }

    [Fact]
    public void Discriminator_loss_sums_the_mean_squared_errors_of_every_sub_discriminator()
    {
        using var scope = NewDisposeScope();
        var loss = AdversarialLosses.Discriminator([full(2, 4, 0.5f)], [full(2, 4, 0.25f)]);
        Assert.Equal(0.25f + 0.0625f, loss.Total.item<float>(), 6);
        Assert.Equal(0.0625f, loss.FakeLosses[0].item<float>(), 6);
    }

    [Fact]
    public void Generator_loss_is_the_sum_of_mean_squared_distances_of_generated_scores_from_one()
    {
        using var scope = NewDisposeScope();
        var loss = AdversarialLosses.Generator([full(3, 2, 0.5f), ones(3, 7)]);
        Assert.Equal(0.25f, loss.Total.item<float>(), 6);
        Assert.Equal(0f, loss.Parts[1].item<float>());
    }

    [Fact]
    public void Feature_matching_is_twice_the_summed_mean_absolute_differences()
    {
        using var scope = NewDisposeScope();
        var loss = AdversarialLosses.FeatureMatching([[ones(2, 3), zeros(4)]], [[zeros(2, 3), full(4, 0.5f)]]);
        Assert.Equal(2 * (1f + 0.5f), loss.item<float>(), 6);
    }

    [Fact]
    public void Mismatched_discriminator_counts_are_refused()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => AdversarialLosses.Discriminator([ones(1)], [ones(1), ones(1)]));
        Assert.Contains("one discriminator call", error.Message);
    }

    [Fact]
    public void Mel_l1_refuses_mels_of_different_length_and_says_to_cut_the_audio()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => MelReconstructionLoss.L1(zeros(1, 80, 10), zeros(1, 80, 11)));
        Assert.Contains("Cut the generated audio", error.Message);
    }

    [Fact]
    public void Generator_objective_weights_mel_l1_by_45_by_default_and_carries_gradients()
    {
        using var scope = NewDisposeScope();
        var fake = full(1, 4, 0.5f).requires_grad_();
        var outputs = new DiscriminatorOutputs([ones(1, 4)], [fake], [[ones(1, 4)]], [[fake]]);
        var fakeMel = ones(1, 80, 3).requires_grad_();
        var losses = HiFiGanObjectives.Generator(outputs, outputs, zeros(1, 80, 3), fakeMel);
        double expected = 2 * 0.25 + 2 * (2 * 0.5) + 45 * 1.0;
        Assert.Equal(expected, losses.Total.item<float>(), 4);
        losses.Total.backward();
        Assert.Equal(45f / (80 * 3), fakeMel.grad![0, 0, 0].item<float>(), 6);
    }

    [Fact]
    public void Discriminator_objective_adds_the_period_and_scale_losses()
    {
        using var scope = NewDisposeScope();
        var period = new DiscriminatorOutputs([full(1, 2, 0.5f)], [zeros(1, 2)], [], []);
        var scale = new DiscriminatorOutputs([ones(1, 2)], [full(1, 2, 0.5f)], [], []);
        var losses = HiFiGanObjectives.Discriminator(period, scale);
        Assert.Equal(0.25f + 0.25f, losses.Total.item<float>(), 6);
    }
}
