using System.Text;
using MyXtts.Core.Runtime;
using MyXtts.Core.Training.Distributed;
using MyXtts.Host.Cli;
using MyXtts.Host.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using static TorchSharp.torch;

namespace MyXtts.Host.Distributed;

/// <summary>
/// The processes of one training run: a single process, or the ranks of an <c>mpirun</c> job (chosen automatically
/// when <c>OMPI_COMM_WORLD_SIZE</c> &gt; 1). With several ranks it also makes them agree on one run folder (rank 0's;
/// ranks above 0 log warnings only, into <c>&lt;run&gt;/ranks/rank&lt;r&gt;/</c>, and read checkpoints from rank 0's folder),
/// and it turns a failure on any rank into the end of every rank instead of a hang.
/// </summary>
public sealed class TrainingProcesses : IDisposable
{
    private readonly MpiProcessGroup? _mpi;
    private bool _endedTogether;

    private TrainingProcesses(IProcessGroup group, MpiProcessGroup? mpi) => (Group, _mpi) = (group, mpi);

    /// <summary>The group the trainer reduces gradients over.</summary>
    public IProcessGroup Group { get; }

    /// <summary>This rank's share of each training epoch.</summary>
    public BatchShard Shard => new(Group.Rank, Group.WorldSize);

    /// <summary>Joins the mpirun job this process belongs to, or stands alone (<see cref="SingleProcessGroup"/>) outside one.</summary>
    public static TrainingProcesses Join(IReadOnlyDictionary<string, string?> environment, TimeSpan collectiveTimeout)
    {
        if (!MpiEnvironment.From(environment).IsDistributed) return new TrainingProcesses(SingleProcessGroup.Instance, null);
        try
        {
            var mpi = MpiProcessGroup.Initialize(collectiveTimeout, Logger.None);
            return new TrainingProcesses(mpi, mpi);
        }
        catch (DllNotFoundException e)
        {
            throw new RuntimeSetupException($"{MpiEnvironment.WorldSizeVariable} says this process is one of several, but MPI cannot start: {e.Message}");
        }
    }

    /// <summary>
    /// Starts the run session: rank 0 first (it creates the run folder), then the other ranks in a folder under it. With
    /// one process this is just <paramref name="start"/>.
    /// </summary>
    public RunSession Start(EffectiveConfiguration configuration, Func<EffectiveConfiguration, RunSession> start)
    {
        if (_mpi is null) return start(configuration);
        var session = _mpi.Rank == 0 ? start(configuration) : null;
        var runDirectory = BroadcastText(session?.RunDirectory ?? "");
        session ??= start(ForOtherRank(configuration, runDirectory, _mpi.Rank));
        _mpi.UseLogger(session.Log);
        session.Log.Information("Distributed training: rank {Rank} of {WorldSize} (Open MPI); collective timeout {Timeout} s",
            _mpi.Rank, _mpi.WorldSize, _mpi.Timeout.TotalSeconds);
        return session;
    }

    /// <summary>
    /// Runs <paramref name="train"/> and returns its exit code. With several ranks, outcomes every rank reaches together
    /// (0, 3 diverged, 130 interrupted) end normally; any other exit code or exception on one rank ends every rank at once
    /// through MPI_Abort, because the others would wait for it in the next collective.
    /// </summary>
    public int Complete(ILogger log, Func<int> train)
    {
        if (_mpi is null) return train();
        int exitCode;
        try { exitCode = train(); }
        catch (Exception e)
        {
            log.Fatal(e, "Rank {Rank} of {WorldSize} failed; ending every rank (exit code {ExitCode})", _mpi.Rank, _mpi.WorldSize, ExitCodes.RankFailed);
            exitCode = ExitCodes.RankFailed;
        }
        if (exitCode is 0 or 3 or 130)
        {
            _endedTogether = true;
            return exitCode;
        }
        log.Error("Rank {Rank} of {WorldSize} ended with exit code {ExitCode}; ending every rank (the other ranks would wait for it)", _mpi.Rank, _mpi.WorldSize, exitCode);
        _mpi.Abort(exitCode);
        return exitCode;
    }

    /// <summary>With several ranks, checks (and logs) that every rank ends with bit-identical weights; all ranks call it together.</summary>
    public void CheckReplicas(TorchSharp.torch.nn.Module model, ILogger log)
    {
        if (_mpi is null) return;
        if (ReplicaCheck.Identical(Group, model, out var hash))
            log.Information("Weights are bit-identical on all {WorldSize} ranks (hash {Hash:x16})", Group.WorldSize, hash);
        else
            log.Error("Rank {Rank}'s weights (hash {Hash:x16}) differ from rank 0's: the replicas drifted apart, and only rank 0's are saved. " +
                "Report this with the run's log; non-deterministic kernels or a buffer updated outside the gradients are the usual causes", Group.Rank, hash);
    }

    /// <summary>Rank 0's settings, moved for rank r: its own folder and warning-level log, rank 0's checkpoint folder.</summary>
    internal static EffectiveConfiguration ForOtherRank(EffectiveConfiguration configuration, string rank0RunDirectory, int rank)
    {
        var s = configuration.Settings;
        var level = s.Runtime.LogLevel < LogEventLevel.Warning ? LogEventLevel.Warning : s.Runtime.LogLevel;
        var settings = s with
        {
            Runtime = s.Runtime with { OutputDir = Path.Combine(rank0RunDirectory, "ranks"), RunName = $"rank{rank}", LogLevel = level },
            Training = s.Training with { CheckpointDir = Path.GetFullPath(Path.Combine(rank0RunDirectory, s.Training.CheckpointDir)) },
        };
        return new EffectiveConfiguration(configuration.Root, settings, configuration.Provenance, configuration.Layers);
    }

    private string BroadcastText(string text)
    {
        using var scope = NewDisposeScope();
        var length = tensor(new long[] { Encoding.UTF8.GetByteCount(text) });
        Group.Broadcast([length]);
        var bytes = Group.Rank == 0 ? tensor(Encoding.UTF8.GetBytes(text)) : zeros(length.item<long>(), ScalarType.Byte);
        Group.Broadcast([bytes]);
        return Encoding.UTF8.GetString(bytes.data<byte>().ToArray());
    }

    /// <summary>
    /// Finalizes MPI when every rank ended together. After a failure before <see cref="Complete"/> (e.g. a configuration
    /// error on one rank) MPI is left alone: finalizing would wait for ranks that are waiting for this one, while a process
    /// that exits without finalizing makes mpirun end the whole job.
    /// </summary>
    public void Dispose()
    {
        if (_endedTogether) _mpi?.Dispose();
    }
}
