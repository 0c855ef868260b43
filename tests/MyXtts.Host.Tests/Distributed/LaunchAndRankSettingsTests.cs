using MyXtts.Host.Cli;
using MyXtts.Host.Configuration;
using MyXtts.Host.Distributed;
using MyXtts.Host.Tests.Plugins;
using Serilog.Events;

namespace MyXtts.Host.Tests.Distributed;

public sealed class LaunchAndRankSettingsTests
{
    [Fact]
    public void Launch_local_starts_mpirun_unbound_with_the_ring_all_reduce_and_forwards_myxtts_and_dotnet_variables()
    {
        var env = new Dictionary<string, string?> { ["MYXTTS_RUNTIME__THREADS"] = "1", ["DOTNET_gcServer"] = "0", ["HOME"] = "/root" };

        var args = LocalLaunch.Arguments(4, ["/usr/bin/dotnet", "/opt/myxtts/myxtts.dll"], ["train", "--epochs", "2"], env, cores: 2, asRoot: true);

        Assert.Equal(["-np", "4", "--bind-to", "none", "--allow-run-as-root", "--oversubscribe",
            "--mca", "coll_tuned_use_dynamic_rules", "1", "--mca", "coll_tuned_allreduce_algorithm", "4",
            "-x", "DOTNET_gcServer", "-x", "MYXTTS_RUNTIME__THREADS", "/usr/bin/dotnet", "/opt/myxtts/myxtts.dll", "train", "--epochs", "2"], args);
    }

    [Fact]
    public void Launch_local_as_a_normal_user_within_the_core_count_adds_neither_root_nor_oversubscription()
    {
        var args = LocalLaunch.Arguments(2, ["myxtts"], ["train"], new Dictionary<string, string?>(), cores: 8, asRoot: false);

        Assert.DoesNotContain("--allow-run-as-root", args);
        Assert.DoesNotContain("--oversubscribe", args);
    }

    [Fact]
    public void The_ranks_run_the_same_command_without_the_launch_option()
    {
        var root = CliApplication.BuildRoot(out _);

        var parse = root.Parse(["train", "--train-data", "d", "--launch-local", "2", "--epochs", "3"]);

        Assert.Equal(["train", "--train-data", "d", "--epochs", "3"], LocalLaunch.WithoutLaunchOption(parse));
    }

    [Fact]
    public void Mpirun_variables_give_rank_and_world_size_and_their_absence_means_one_process()
    {
        var env = new Dictionary<string, string?> { [MpiEnvironment.WorldSizeVariable] = "4", [MpiEnvironment.RankVariable] = "3", [MpiEnvironment.LocalRankVariable] = "1" };

        Assert.Equal(new MpiEnvironment(4, 3, 1), MpiEnvironment.From(env));
        Assert.False(MpiEnvironment.From(new Dictionary<string, string?>()).IsDistributed);
    }

    [Fact]
    public void Ranks_above_zero_log_warnings_into_their_own_folder_under_rank_zeros_run_and_read_its_checkpoints()
    {
        using var dir = new TempDirectory();
        var configuration = ConfigurationLoader.Load(new ConfigRequest());
        var run = dir.Combine("runs", "r");

        var rank2 = TrainingProcesses.ForOtherRank(configuration, run, 2).Settings;

        Assert.Equal(Path.Combine(run, "ranks"), rank2.Runtime.OutputDir);
        Assert.Equal("rank2", rank2.Runtime.RunName);
        Assert.Equal(LogEventLevel.Warning, rank2.Runtime.LogLevel);
        Assert.Equal(Path.Combine(run, "checkpoints"), rank2.Training.CheckpointDir);
    }
}
