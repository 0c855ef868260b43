using System.Diagnostics;
using System.Globalization;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.IO;
using MyXtts.Core.Speakers;
using MyXtts.Plugins.SpeakerEncoders.Coqui;
using MyXtts.Plugins.SpeakerEncoders.Ecapa;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer;
using Serilog.Core;
using static TorchSharp.torch;

// Speaker-embedding throughput: clips/s of each encoder plugin's Embed (front end + network, one batch of CLIPS clips)
// vs the same pipeline re-implemented in Python torch (embed_bench.py), on identical clips and identical weights, best of
// REPEATS after a warm-up, the two sides interleaved per encoder. Also prints max |Δ| between the two sides' embeddings
// (relative to the largest value), which shows both sides computed the same thing.
// Usage: EmbedBench [threads=2] [clips=16] [seconds=3] [repeats=3] [rounds=2] [fixtures=$MYXTTS_PARITY_DIR]
var inv = CultureInfo.InvariantCulture;
int threads = args.Length > 0 ? int.Parse(args[0], inv) : 2;
int clipCount = args.Length > 1 ? int.Parse(args[1], inv) : 16;
double seconds = args.Length > 2 ? double.Parse(args[2], inv) : 3;
int repeats = args.Length > 3 ? int.Parse(args[3], inv) : 3;
int rounds = args.Length > 4 ? int.Parse(args[4], inv) : 2;
string fixtures = args.Length > 5 ? args[5] : Environment.GetEnvironmentVariable("MYXTTS_PARITY_DIR")
    ?? throw new InvalidOperationException("Give the parity fixtures folder as the 6th argument or in MYXTTS_PARITY_DIR.");
set_num_threads(threads);
string script = Path.Combine(AppContext.BaseDirectory, "embed_bench.py");
string work = Directory.CreateTempSubdirectory("embedbench-").FullName;

var clips = SpeechLikeClips(clipCount, (int)(seconds * 16000), seed: 11);
string clipsPath = Path.Combine(work, "clips.npy");
NpyFile.Write(clipsPath, clips.SelectMany(c => c).ToArray(), clipCount, clips[0].Length);
string publishedEcapa = Path.Combine(work, "ecapa_published.ckpt");
Console.WriteLine($"published-size ECAPA (random weights, made by embed_bench.py): {Python("make-ecapa-published", publishedEcapa)}");

(string Label, string Reference, string Checkpoint, Func<ISpeakerEncoder> Create)[] encoders =
[
    ("ecapa_tdnn fixture (171 k params)", "ecapa_tdnn", Path.Combine(fixtures, "ecapa_tdnn", "embedding_model.ckpt"), () => new EcapaTdnnEncoder(Logger.None)),
    ("ecapa_tdnn published size (20.8 M)", "ecapa_tdnn", publishedEcapa, () => new EcapaTdnnEncoder(Logger.None)),
    ("resemblyzer (published size)", "resemblyzer", Path.Combine(fixtures, "resemblyzer", "pretrained.pt"), () => new ResemblyzerEncoder(new ResemblyzerOptions(), Logger.None)),
    ("coqui resnet fixture", "coqui_resnet", Path.Combine(fixtures, "coqui_resnet", "model_se.pth"), () => new CoquiEncoder(new CoquiOptions(), Logger.None)),
    ("coqui lstm fixture", "coqui_lstm", Path.Combine(fixtures, "coqui_lstm", "model_se.pth"), () => new CoquiEncoder(new CoquiOptions(), Logger.None)),
];

Console.WriteLine($"threads {threads} per side, {clipCount} clips × {seconds} s at 16 kHz, best of {repeats}, {rounds} rounds; load average at start: {LoadAverage()}");
Console.WriteLine("round encoder                             torchsharp_clips/s  python_clips/s  torchsharp/python  max|Δ|/max  load");
for (int round = 1; round <= rounds; round++)
{
    foreach (var (label, reference, checkpoint, create) in encoders)
    {
        var (ours, embeddings) = TorchSharpSeconds(create, checkpoint, clips, repeats);
        string pythonOut = Path.Combine(work, reference + ".out.npy");
        double python = double.Parse(Python("time", reference, checkpoint, clipsPath, threads.ToString(inv), repeats.ToString(inv), pythonOut, fixtures).Split(' ')[1], inv);
        double delta = RelativeDifference(embeddings, NpyFile.Read(pythonOut).ToFloatArray());
        Console.WriteLine(string.Create(inv,
            $"{round,5} {label,-35} {clipCount / ours,18:F2}  {clipCount / python,14:F2}  {python / ours,17:F2}  {delta,10:E1}  {LoadAverage()}"));
    }
}
Directory.Delete(work, recursive: true);

static (double Seconds, float[] Embeddings) TorchSharpSeconds(Func<ISpeakerEncoder> create, string checkpoint, float[][] clips, int repeats)
{
    using var encoder = create();
    encoder.LoadWeights(checkpoint);
    using var _ = no_grad();
    using var outer = NewDisposeScope();
    var (waveforms, lengths) = PaddedWaveforms.Build(clips);
    var embeddings = encoder.Embed(waveforms, lengths).data<float>().ToArray();   // warm-up, and the result to compare
    double best = double.MaxValue;
    for (int i = 0; i < repeats; i++)
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        encoder.Embed(waveforms, lengths);
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }
    return (best, embeddings);
}

string Python(params string[] arguments)
{
    var start = new ProcessStartInfo("/usr/bin/python3", [script, .. arguments])
    {
        RedirectStandardOutput = true,
        Environment = { ["OPENBLAS_NUM_THREADS"] = "1", ["OMP_NUM_THREADS"] = threads.ToString(inv) },
    };
    using var process = Process.Start(start)!;
    string line = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{script} {arguments[0]} failed with exit code {process.ExitCode}; is python3-torch installed?");
    return line;
}

// Harmonic tones with vibrato and a noise floor, a different pitch per clip: enough structure for every front end.
static float[][] SpeechLikeClips(int count, int samples, int seed)
{
    var random = new Random(seed);
    return Enumerable.Range(0, count).Select(_ =>
    {
        double f0 = 90 + random.NextDouble() * 160, vibrato = 3 + random.NextDouble() * 4;
        var clip = new float[samples];
        for (int n = 0; n < samples; n++)
        {
            double t = n / 16000.0, phase = 2 * Math.PI * f0 * (t + 0.003 * Math.Sin(2 * Math.PI * vibrato * t)), sum = 0;
            for (int k = 1; k <= 10; k++) sum += Math.Sin(k * phase) / k;
            clip[n] = (float)(0.2 * sum * (0.6 + 0.4 * Math.Sin(2 * Math.PI * 2.5 * t)) + 0.01 * (random.NextDouble() * 2 - 1));
        }
        return clip;
    }).ToArray();
}

static double RelativeDifference(float[] a, float[] b)
{
    if (a.Length != b.Length) return double.NaN;
    double max = a.Max(x => Math.Abs((double)x));
    return a.Zip(b).Max(p => Math.Abs((double)p.First - p.Second)) / max;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
