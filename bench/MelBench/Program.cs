using System.Diagnostics;
using MyXtts.Abstractions.Audio;
using MyXtts.Core.Audio.Mel;
using TorchSharp;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project bench/MelBench -- [threads=2] [clips=64] [seconds=5] [batch=1]
// Prints one line in the same format as mel_bench.py so the two can be compared side by side.
int threads = args.Length > 0 ? int.Parse(args[0]) : 2;
int clips = args.Length > 1 ? int.Parse(args[1]) : 64;
double seconds = args.Length > 2 ? double.Parse(args[2]) : 5;
int batch = args.Length > 3 ? int.Parse(args[3]) : 1;

torch.set_num_threads(threads);
torch.set_num_interop_threads(1);
var settings = new MelSettings();
int samples = (int)(seconds * settings.SampleRate);
using var mel = new MelSpectrogram(settings);
torch.manual_seed(0);
using var audio = (torch.rand(clips, samples) * 2 - 1) * 0.5;

void RunAll()
{
    for (int start = 0; start < clips; start += batch)
    {
        using var scope = NewDisposeScope();
        mel.Compute(audio[start..Math.Min(clips, start + batch)]);
    }
}

RunAll();   // warm-up: caches, allocator, MKL/FFT plans
var best = double.MaxValue;
for (int repeat = 0; repeat < 3; repeat++)
{
    var clock = Stopwatch.StartNew();
    RunAll();
    best = Math.Min(best, clock.Elapsed.TotalSeconds);
}
Console.WriteLine(
    $"torchsharp threads={threads} batch={batch} clips={clips} clip_s={seconds}: {clips / best:F1} clips/s, {clips * seconds / best:F0}x real time");
