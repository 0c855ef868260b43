using System.Diagnostics;
using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using static TorchSharp.torch;

// Real-time factor (synthesis time / audio duration, lower is faster) of the published-size V1 and V3 generators with
// random weights and weight norm removed, best of REPEATS after a warm-up, TorchSharp and Python torch interleaved.
// Usage: HiFiGanBench [threads=2] [seconds=4] [repeats=3] [rounds=2]
int threads = args.Length > 0 ? int.Parse(args[0]) : 2;
double seconds = args.Length > 1 ? double.Parse(args[1]) : 4;
int repeats = args.Length > 2 ? int.Parse(args[2]) : 3;
int rounds = args.Length > 3 ? int.Parse(args[3]) : 2;
set_num_threads(threads);
int frames = (int)(seconds * 22050 / 256);
double audioSeconds = frames * 256 / 22050.0;
string script = Path.Combine(AppContext.BaseDirectory, "hifigan_bench.py");
Console.WriteLine($"threads {threads}, {frames} frames ({audioSeconds:F2} s of audio), best of {repeats}, {rounds} interleaved rounds");
Console.WriteLine("round config  torchsharp_rtf  python_rtf  python/torchsharp");
for (int round = 1; round <= rounds; round++)
{
    foreach (var name in new[] { "V1", "V3" })
    {
        double ours = TorchSharpSeconds(HiFiGanConfigs.Resolve(name).Generator, frames, repeats);
        double python = PythonSeconds(name);
        Console.WriteLine($"{round,5} {name,-6}  {ours / audioSeconds,14:F4}  {python / audioSeconds,10:F4}  {python / ours,17:F2}");
    }
}

static double TorchSharpSeconds(HiFiGanConfig config, int frames, int repeats)
{
    using var generator = new HiFiGanGenerator(config);
    generator.RemoveWeightNorm();
    generator.eval();
    using var _ = no_grad();
    using var mel = randn(1, 80, frames);
    generator.call(mel).Dispose();
    double best = double.MaxValue;
    for (int i = 0; i < repeats; i++)
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        generator.call(mel);
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }
    return best;
}

double PythonSeconds(string name)
{
    var start = new ProcessStartInfo("/usr/bin/python3", [script, threads.ToString(), seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), repeats.ToString(), name])
    {
        RedirectStandardOutput = true,
        Environment = { ["OPENBLAS_NUM_THREADS"] = "1" },
    };
    using var process = Process.Start(start)!;
    string line = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{script} {name} failed with exit code {process.ExitCode}; is python3-torch installed?");
    return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
}
