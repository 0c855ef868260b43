using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models;
using MyXtts.Core.Training;
using static TorchSharp.torch;

/// <summary>
/// <c>step</c>: the tiny preset's training step (non_autoregressive, the default strategy) in TorchSharp and in
/// step_bench.py's PyTorch mirror, on one fixed batch, interleaved round by round. Before timing, the mirror must match:
/// equal parameter counts per module, a strict state-dict load of this model's weights, and the same eval-mode outputs,
/// losses and gradient norm (step_bench.py check exits non-zero otherwise, and so does this bench).
/// </summary>
internal static class StepMode
{
    public static int Run(int threads, int steps, int warmup, int rounds, int batchSize)
    {
        set_num_threads(threads);
        var preset = TinyPreset.Load();
        using var batch = new DisposableBatch(BenchBatch.Create(batchSize, TinyPreset.VocabSize, seed: 7));
        using var setup = TrainingSetup.Create(preset.Settings, batch.Batch, horizon: 10_000);
        var model = (XttsAcousticModel)setup.Model;
        Console.WriteLine($"preset {preset.Path}; {model.Description}");
        Console.WriteLine($"batch {batchSize}: tokens {Describe(batch.Batch.TokenLengths)}, mel frames {Describe(batch.Batch.MelLengths)}, reference frames {Describe(batch.Batch.ReferenceMelLengths)}; " +
                          $"threads {threads}; {warmup} warm-up + {steps} timed steps per side per round; {rounds} rounds");
        Console.WriteLine("loss terms: " + string.Join(", ", setup.Losses.Terms.Select(t => $"{t.Name}×{t.Weight.ToString(CultureInfo.InvariantCulture)}")) +
                          $"; {setup.Settings.Training.Optimizer} lr {setup.Settings.Training.LearningRate}, clip {setup.Settings.Training.GradientClipNorm}");

        var phased = new PhasedStep(model, setup.Losses, setup.Optimizer, setup.Settings.Training.GradientClipNorm);
        var (loss, phasedLoss, norm, phasedNorm) = phased.Verify(batch.Batch);
        Console.WriteLine($"phased step vs model forward (eval): loss {loss:G7} vs {phasedLoss:G7}, grad norm {norm:G7} vs {phasedNorm:G7}");
        if (Math.Abs(loss - phasedLoss) > 1e-4 * Math.Abs(loss) || Math.Abs(norm - phasedNorm) > 1e-3 * Math.Abs(norm))
            throw new InvalidOperationException("The phased step does not compute what the model computes; fix PhasedStep before reading its breakdown.");

        var folder = Path.Combine(Path.GetTempPath(), $"stepbench-{Environment.ProcessId}");
        try
        {
            ParityExport.Write(folder, setup, batch.Batch, threads);
            Console.WriteLine("--- mirror check (step_bench.py check) ---");
            Console.Write(PythonSide.Run("check", folder));
            Console.WriteLine("--- timings, ms (median of the timed steps) ---");
            Console.WriteLine("round side         step  step_cpu  forward  " + string.Join("  ", PhasedStep.Phases.Select(p => p.Replace("forward.", "f.").Replace("backward.", "b."))));
            var ratios = new List<(double Step, double StepCpu, double Forward)>();
            var referenceRatios = new List<double>();
            // The feasibility study's conv model (model.py), timed on the same batch when its folder is given.
            var referenceModel = Environment.GetEnvironmentVariable("MYXTTS_REFERENCE_TTS") is { Length: > 0 } dir && File.Exists(Path.Combine(dir, "model.py")) ? dir : null;
            for (var round = 1; round <= rounds; round++)
            {
                var ours = Measure(setup, phased, batch.Batch, steps, warmup);
                Print(round, "torchsharp", ours);
                var python = PythonSide.LastJson(PythonSide.Run("time", folder, steps.ToString(), warmup.ToString()));
                var theirs = new Timings(python.GetProperty("step").GetDouble(), python.GetProperty("step_cpu").GetDouble(), python.GetProperty("forward").GetDouble(),
                    PhasedStep.Phases.ToDictionary(p => p, p => python.GetProperty("phases").GetProperty(p).GetDouble()));
                Print(round, "pytorch", theirs);
                ratios.Add((ours.Step / theirs.Step, ours.StepCpu / theirs.StepCpu, ours.Forward / theirs.Forward));
                if (referenceModel is not null)
                {
                    var reference = PythonSide.LastJson(PythonSide.Run("reference", folder, steps.ToString(), warmup.ToString(), referenceModel));
                    var (referenceStep, referenceCpu) = (reference.GetProperty("step").GetDouble(), reference.GetProperty("step_cpu").GetDouble());
                    referenceRatios.Add(ours.Step / referenceStep);
                    Console.WriteLine($"{round,5} reference conv TTS ({reference.GetProperty("parameters").GetInt64() / 1e6:F2} M, PyTorch) step {referenceStep:F1} ms, cpu {referenceCpu:F1} ms: " +
                                      $"torchsharp/reference {ours.Step / referenceStep:F2} (cpu {ours.StepCpu / referenceCpu:F2}) = architecture, pytorch ours/reference {theirs.Step / referenceStep:F2} (cpu {theirs.StepCpu / referenceCpu:F2}) × framework, torchsharp/pytorch {ours.Step / theirs.Step:F2} (cpu {ours.StepCpu / theirs.StepCpu:F2})");
                }
                Console.WriteLine($"{round,5} torchsharp/pytorch  step {ours.Step / theirs.Step:F2}  step_cpu {ours.StepCpu / theirs.StepCpu:F2}  forward {ours.Forward / theirs.Forward:F2}  " +
                                  string.Join("  ", PhasedStep.Phases.Select(p => $"{ours.Phases[p] / Math.Max(1e-9, theirs.Phases[p]):F2}")));
            }
            Console.WriteLine($"load average now: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine($"median ratio torchsharp/pytorch over {rounds} rounds: step {Median(ratios.Select(r => r.Step)):F2}, step_cpu {Median(ratios.Select(r => r.StepCpu)):F2}, forward {Median(ratios.Select(r => r.Forward)):F2}" +
                              (referenceRatios.Count > 0 ? $"; torchsharp ours / pytorch reference: {Median(referenceRatios):F2}" : ""));
            return 0;
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <param name="Step">Wall ms of a full step (median).</param>
    /// <param name="StepCpu">CPU ms the process used in a full step, all threads (median): less disturbed by other jobs on a shared machine.</param>
    internal sealed record Timings(double Step, double StepCpu, double Forward, Dictionary<string, double> Phases);

    /// <summary>Full steps through <see cref="TrainingStep"/>, forward-only passes (forward + losses, graph recorded, no backward) and phased steps.</summary>
    private static Timings Measure(TrainingSetup setup, PhasedStep phased, TrainingBatch batch, int steps, int warmup)
    {
        using var meters = new TrainingMeters();
        var (full, fullCpu) = (new List<double>(), new List<double>());
        for (var i = -warmup; i < steps; i++)
        {
            var cpu = CpuMilliseconds();
            var clock = Stopwatch.StartNew();
            setup.Step.Run([batch], warmup + i, meters);
            if (i < 0) continue;
            full.Add(clock.Elapsed.TotalMilliseconds);
            fullCpu.Add(CpuMilliseconds() - cpu);
        }
        var forward = new List<double>();
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            setup.Losses.Evaluate(new LossContext(batch, setup.Model.Forward(batch), i));
            forward.Add(clock.Elapsed.TotalMilliseconds);
        }
        var phases = PhasedStep.Phases.ToDictionary(p => p, _ => new List<double>());
        for (var i = 0; i < steps; i++)
            foreach (var (phase, seconds) in phased.Run(batch, i)) phases[phase].Add(seconds * 1e3);
        return new Timings(Median(full), Median(fullCpu), Median(forward), phases.ToDictionary(kv => kv.Key, kv => Median(kv.Value)));
    }

    private static double CpuMilliseconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static void Print(int round, string side, Timings t) =>
        Console.WriteLine($"{round,5} {side,-10} {t.Step,7:F1} {t.StepCpu,8:F1} {t.Forward,8:F1}  " + string.Join("  ", PhasedStep.Phases.Select(p => $"{t.Phases[p],6:F1}")) +
                          $"  (phases sum {t.Phases.Values.Sum():F1})");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Describe(Tensor lengths)
    {
        var v = lengths.data<long>().ToArray();
        return $"{v.Min()}–{v.Max()} (mean {v.Average():F0})";
    }
}

/// <summary>Owns a batch's tensors for the run.</summary>
internal sealed class DisposableBatch(TrainingBatch batch) : IDisposable
{
    public TrainingBatch Batch { get; } = batch;

    public void Dispose()
    {
        foreach (var t in new[] { Batch.Tokens, Batch.TokenLengths, Batch.Mel, Batch.MelLengths, Batch.SpeakerIds, Batch.ReferenceMel, Batch.ReferenceMelLengths }) t.Dispose();
    }
}
