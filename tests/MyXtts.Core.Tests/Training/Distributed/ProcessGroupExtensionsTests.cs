using MyXtts.Core.Training.Distributed;
using NSubstitute;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training.Distributed;

[Collection(MyXtts.Core.Tests.Training.TrainingCollection.Name)]
public sealed class ProcessGroupExtensionsTests
{
    [Fact]
    public void Logged_metrics_are_the_mean_over_the_ranks()
    {
        var results = InMemoryWorld.Run(2, g => g.AverageAcrossRanks(g.Rank == 0
            ? new Dictionary<string, double> { ["loss"] = 1, ["grad_norm"] = 4 }
            : new Dictionary<string, double> { ["loss"] = 3, ["grad_norm"] = 0 }));

        Assert.All(results, r => Assert.Equal(new Dictionary<string, double> { ["loss"] = 2, ["grad_norm"] = 2 }, r));
    }

    [Fact]
    public void Ranks_that_hold_different_metric_names_keep_their_own_values_rather_than_mix_them()
    {
        var results = InMemoryWorld.Run(2, g => g.AverageAcrossRanks(g.Rank == 0
            ? new Dictionary<string, double> { ["loss"] = 1 }
            : new Dictionary<string, double> { ["loss"] = 3, ["extra/metric"] = 5 }));

        Assert.Equal(1, results[0]["loss"]);
        Assert.Equal(3, results[1]["loss"]);
    }

    [Fact]
    public void Rank_zeros_validation_loss_reaches_every_rank_and_no_validation_stays_null()
    {
        Assert.All(InMemoryWorld.Run(3, g => g.BroadcastValue(g.Rank == 0 ? 0.25 : null)), v => Assert.Equal(0.25, v));
        Assert.All(InMemoryWorld.Run(2, g => g.BroadcastValue(g.Rank == 0 ? null : 7.0)), v => Assert.Null(v));
    }

    [Fact]
    public void A_stop_request_on_one_rank_stops_every_rank()
    {
        Assert.All(InMemoryWorld.Run(3, g => g.AnyRank(g.Rank == 2)), Assert.True);
        Assert.All(InMemoryWorld.Run(3, g => g.AnyRank(false)), Assert.False);
    }

    [Fact]
    public void Synchronising_replicas_gives_every_rank_rank_zeros_weights_and_the_check_finds_them_identical()
    {
        var results = InMemoryWorld.Run(2, g =>
        {
            using var model = nn.Linear(3, 2);
            using (no_grad()) model.weight!.fill_(g.Rank + 1.0f);   // replicas that start apart
            var before = ReplicaCheck.Identical(g, model, out _);
            g.SynchronizeReplicas(model, model.parameters().ToArray(), seed: 1, step: 0);
            return (Before: before, After: ReplicaCheck.Identical(g, model, out _), Weight: model.weight!.mean().item<float>());
        });

        Assert.All(results, r => Assert.False(r.Before));
        Assert.All(results, r => Assert.True(r.After));
        Assert.All(results, r => Assert.Equal(1.0f, r.Weight));
    }

    [Fact]
    public void One_process_communicates_nothing_and_gets_its_own_values_back()
    {
        var group = Substitute.For<IProcessGroup>();
        group.WorldSize.Returns(1);
        var metrics = new Dictionary<string, double> { ["loss"] = 1.5 };
        using var model = nn.Linear(2, 2);

        Assert.Same(metrics, group.AverageAcrossRanks(metrics));
        Assert.Equal(0.5, group.BroadcastValue(0.5));
        Assert.True(group.AnyRank(true));
        group.SynchronizeReplicas(model, model.parameters().ToArray(), 1, 0);
        Assert.True(ReplicaCheck.Identical(group, model, out _));

        group.DidNotReceiveWithAnyArgs().AllReduceMean(default!);
        group.DidNotReceiveWithAnyArgs().Broadcast(default!);
    }
}
