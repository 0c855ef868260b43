using System.Diagnostics;
using MyXtts.Core.Training.Distributed;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>
/// Time of a data-parallel optimizer step: forward + backward of a conv stack on the rank's batch, gradient all-reduce
/// over one flat buffer, AdamW. Weak scaling: each rank processes <c>batch</c> items, so W ranks process W·batch per step.
/// </summary>
internal static class StepBench
{
    public static int Run(MpiProcessGroup group, int[] a)
    {
        var (channels, layers, batch, frames, steps) = (a[0], a[1], a[2], a[3], a[4]);
        manual_seed(1);
        var model = nn.Sequential(Enumerable.Range(0, layers).SelectMany(i => new (string, nn.Module<Tensor, Tensor>)[]
            { ($"conv{i}", nn.Conv1d(channels, channels, 5, padding: 2)), ($"relu{i}", nn.ReLU()) }).ToArray());
        var parameters = model.parameters().ToArray();
        group.SynchronizeReplicas(model, parameters, 1, 0);
        if (group.WorldSize == 1) group.TrainingStarts(parameters);   // SynchronizeReplicas skips it for one process
        using var optimizer = optim.AdamW(parameters, 1e-3);
        var input = randn(batch, channels, frames);
        double compute = 0, reduce = 0;
        var total = Stopwatch.StartNew();
        for (var s = -2; s < steps; s++)   // two warm-up steps
        {
            if (s == 0) { compute = reduce = 0; total.Restart(); }
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            optimizer.zero_grad();
            model.call(input).square().mean().backward();
            compute += clock.Elapsed.TotalSeconds;
            clock.Restart();
            group.AllReduceMean(parameters.Select(p => p.grad!).ToArray());
            reduce += clock.Elapsed.TotalSeconds;
            optimizer.step();
        }
        var seconds = total.Elapsed.TotalSeconds;
        var megabytes = parameters.Sum(p => p.numel()) * 4 / 1e6;
        if (group.Rank == 0)
            Console.WriteLine($"ranks {group.WorldSize} threads {get_num_threads()} params {megabytes / 4:F2} M ({megabytes:F1} MB grads): " +
                $"{seconds / steps * 1e3:F1} ms/step (forward+backward {compute / steps * 1e3:F1}, all-reduce {reduce / steps * 1e3:F1}), " +
                $"{group.WorldSize * batch * steps / seconds:F1} items/s");
        return 0;
    }
}
