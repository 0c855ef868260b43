using MyXtts.Core.Training.Distributed;
using Serilog.Core;
using static TorchSharp.torch;

// MpiBench: run under mpirun (see ../README.md).
//   allreduce [max_mb] [repeats]        all-reduce throughput of one float32 buffer by size (MPI_IN_PLACE, sum)
//   step <channels> <layers> <batch> <frames> <steps>   training step time of a conv model, data-parallel
//   volume <configs dir>                gradient bytes per step for each preset (no mpirun needed)
var mode = args.Length > 0 ? args[0] : "allreduce";
if (mode == "volume") return PresetVolume.Run(args.Length > 1 ? args[1] : "configs");
set_num_threads(int.TryParse(Environment.GetEnvironmentVariable("BENCH_THREADS"), out var threads) ? threads : 1);
using var group = MpiProcessGroup.Initialize(TimeSpan.FromMinutes(5), Logger.None);
return mode switch
{
    "allreduce" => AllReduceBench.Run(group, args.Length > 1 ? double.Parse(args[1]) : 256, args.Length > 2 ? int.Parse(args[2]) : 5),
    "step" => StepBench.Run(group, args.Skip(1).Select(int.Parse).ToArray()),
    _ => throw new ArgumentException($"unknown mode '{mode}'; use allreduce or step"),
};
