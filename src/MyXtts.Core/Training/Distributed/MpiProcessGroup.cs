using Serilog;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// The processes of one <c>mpirun</c> job, over Open MPI's <c>MPI_COMM_WORLD</c>. Tensors are reduced in their own
/// host memory (no managed copies); once training starts (<see cref="TrainingStarts"/>) the gradients go in one all-reduce of one
/// flat buffer. Every collective runs under a <see cref="CollectiveWatchdog"/>: one that waits longer than the timeout
/// logs which operation stalled and aborts the whole job (<see cref="ExitCodes.CollectiveTimeout"/>), so no rank hangs.
/// Until training starts (<see cref="TrainingStarts"/>) collectives may wait at least <see cref="StartupTimeout"/>:
/// ranks reach the first ones at different times (process start, dataset preparation), and a short training timeout
/// must not end a job whose ranks merely started unevenly.
/// </summary>
public sealed class MpiProcessGroup : IProcessGroup, ITrainingStart, IDisposable
{
    private const int MaxCount = 1 << 28;   // MPI counts are ints; large buffers go in slices
    private readonly OpenMpi.Handles _mpi;
    private readonly CollectiveWatchdog _watchdog;
    private ILogger _log;
    private FlatGradientBuffer? _gradients;
    private bool _ended, _training;

    /// <summary>The least a collective may wait before training starts.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(10);

    private MpiProcessGroup(OpenMpi.Handles mpi, int rank, int worldSize, TimeSpan timeout, ILogger log)
    {
        (_mpi, Rank, WorldSize, _log) = (mpi, rank, worldSize, log);
        _watchdog = new CollectiveWatchdog(timeout, OnTimeout);
    }

    public int Rank { get; }
    public int WorldSize { get; }

    /// <summary>How long one collective may wait for the other ranks.</summary>
    public TimeSpan Timeout => _watchdog.Timeout;

    /// <summary>
    /// Initializes MPI (thread level MPI_THREAD_MULTIPLE, so the watchdog may abort while the main thread waits) and joins
    /// <c>MPI_COMM_WORLD</c>. Throws <see cref="DllNotFoundException"/> when Open MPI is missing.
    /// </summary>
    public static MpiProcessGroup Initialize(TimeSpan timeout, ILogger log)
    {
        var mpi = OpenMpi.Predefined;
        OpenMpi.Check(OpenMpi.Initialized(out var initialized), "MPI_Initialized");
        if (initialized == 0) OpenMpi.Check(OpenMpi.InitThread(0, 0, OpenMpi.ThreadMultiple, out _), "MPI_Init_thread");
        OpenMpi.Check(OpenMpi.CommSetErrhandler(mpi.CommWorld, mpi.ErrorsReturn), "MPI_Comm_set_errhandler");
        OpenMpi.Check(OpenMpi.CommRank(mpi.CommWorld, out var rank), "MPI_Comm_rank");
        OpenMpi.Check(OpenMpi.CommSize(mpi.CommWorld, out var size), "MPI_Comm_size");
        return new MpiProcessGroup(mpi, rank, size, timeout, log);
    }

    /// <summary>Where the watchdog's error and debug lines go from now on (the run's logger, once it exists).</summary>
    public void UseLogger(ILogger log) => _log = log;

    /// <summary>Keeps the gradients in one flat buffer where they allow it, and ends the start-up allowance.</summary>
    public void TrainingStarts(IReadOnlyList<Parameter> parameters)
    {
        _training = true;
        _gradients?.Dispose();
        _gradients = null;
        if (parameters.Count == 0 || parameters.Any(p => p.device_type != DeviceType.CPU || (p.dtype != ScalarType.Float32 && p.dtype != ScalarType.Float64)) ||
            parameters.Select(p => p.dtype).Distinct().Count() > 1)
        {
            _log.Debug("Gradients stay per parameter (not all float32/float64 on the CPU); each all-reduce packs them into one buffer");
            return;
        }
        _gradients = new FlatGradientBuffer(parameters);
        _log.Debug("Gradients live in one {Megabytes:F1} MB buffer: one all-reduce per optimizer step", _gradients.Bytes / 1e6);
    }

    /// <inheritdoc />
    public void AllReduceMean(IReadOnlyList<Tensor> tensors)
    {
        if (tensors.Count == 0) return;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        if (_gradients is { } flat && flat.Covers(tensors))
        {
            SumInPlace(flat.Buffer, "all-reduce (gradients)");
            flat.Buffer.div_(WorldSize);
            return;
        }
        // Anything else (values, or gradients that are not views of the buffer): pack per dtype, reduce once, unpack.
        foreach (var group in tensors.GroupBy(t => t.dtype))
        {
            var members = group.ToArray();
            var reduceType = group.Key is ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;   // bf16/fp16 reduce in float32
            var packed = cat(members.Select(t => t.detach().reshape(-1).to(CPU).to(reduceType)).ToArray()).contiguous();
            SumInPlace(packed, "all-reduce");
            packed.div_(WorldSize);
            long offset = 0;
            foreach (var t in members)
            {
                var n = t.numel();
                t.copy_(packed.narrow(0, offset, n).view(t.shape));
                offset += n;
            }
        }
    }

    /// <inheritdoc />
    public void Broadcast(IReadOnlyList<Tensor> tensors, int root = 0)
    {
        if (root < 0 || root >= WorldSize) throw new ArgumentOutOfRangeException(nameof(root), root, $"root must be a rank of this job (0 … {WorldSize - 1})");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var tensor in tensors)
        {
            var host = HostMemory.IsDirect(tensor) ? tensor : tensor.detach().to(CPU).contiguous();
            var bytes = host.numel() * host.element_size();
            var address = HostMemory.Address(host);
            using (_watchdog.Enter("broadcast", CurrentTimeout))
                for (long done = 0; done < bytes; done += MaxCount)
                    OpenMpi.Check(OpenMpi.Bcast(address + (nint)done, (int)Math.Min(MaxCount, bytes - done), _mpi.Byte, root, _mpi.CommWorld), "MPI_Bcast");
            if (!ReferenceEquals(host, tensor)) tensor.copy_(host);
        }
    }

    /// <inheritdoc />
    public void Barrier()
    {
        using (_watchdog.Enter("barrier", CurrentTimeout)) OpenMpi.Check(OpenMpi.Barrier(_mpi.CommWorld), "MPI_Barrier");
    }

    /// <summary>Ends every rank of the job at once with <paramref name="exitCode"/> (mpirun reports it); does not return.</summary>
    public void Abort(int exitCode)
    {
        _ended = true;
        OpenMpi.Abort(_mpi.CommWorld, exitCode);
    }

    private TimeSpan CurrentTimeout => _training || Timeout >= StartupTimeout ? Timeout : StartupTimeout;

    /// <summary>Sums a contiguous CPU float32/float64 tensor over all ranks, in place.</summary>
    private void SumInPlace(Tensor tensor, string operation)
    {
        var type = tensor.dtype == ScalarType.Float64 ? _mpi.Double : _mpi.Float;
        var address = HostMemory.Address(tensor);
        var count = tensor.numel();
        var size = tensor.element_size();
        using (_watchdog.Enter(operation, CurrentTimeout))
            for (long done = 0; done < count; done += MaxCount)
                OpenMpi.Check(OpenMpi.Allreduce(OpenMpi.InPlace, address + (nint)(done * size), (int)Math.Min(MaxCount, count - done), type, _mpi.Sum, _mpi.CommWorld), "MPI_Allreduce");
    }

    private void OnTimeout(string operation, TimeSpan waited, TimeSpan limit)
    {
        var message = $"Rank {Rank} of {WorldSize}: the {operation} waited {waited.TotalSeconds:F0} s for the other ranks (" +
            (_training ? $"training.distributed_timeout is {limit.TotalSeconds:F0} s" : $"start-up allows {limit.TotalSeconds:F0} s") + "). A rank has stopped responding: it hangs, was stopped, or its machine left the network. Ending every rank " +
            $"(exit code {ExitCodes.CollectiveTimeout}); the last checkpoint is intact: restart with --resume. Raise training.distributed_timeout if " +
            "rank 0's validation or checkpoint writing legitimately takes longer.";
        if (ReferenceEquals(_log, Serilog.Core.Logger.None)) Console.Error.WriteLine(message);   // before the run's logger exists
        else _log.Error("{Message}", message);
        Abort(ExitCodes.CollectiveTimeout);
    }

    /// <summary>Finalizes MPI after a normal end (every rank must get here); after <see cref="Abort"/> nothing is left to do.</summary>
    public void Dispose()
    {
        _watchdog.Dispose();
        _gradients?.Dispose();
        if (_ended) return;
        _ended = true;
        if (OpenMpi.Finalized(out var finalized) == OpenMpi.Success && finalized == 0) OpenMpi.Finalize();
    }
}
