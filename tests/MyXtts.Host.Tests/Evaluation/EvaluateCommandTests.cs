using System.Text.Json;
using MyXtts.Core.Evaluation.Runs;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Plugins;
using MyXtts.Host.Tests.Training;

namespace MyXtts.Host.Tests.Evaluation;

/// <summary>
/// Train a tiny model through the CLI with <c>--enable-evaluation</c> (no ASR engine, to stay fast), then evaluate its
/// checkpoint with <c>myxtts evaluate</c> (through a stand-in PocketSphinx program: the real decoder takes tens of
/// seconds on these tone clips) and regenerate reports with <c>myxtts report</c>.
/// </summary>
[Collection(TrainingCommandCollection.Name)]
public sealed class EvaluateCommandTests : IClassFixture<EvaluateCommandTests.TrainedRun>
{
    private readonly TrainedRun _run;

    public EvaluateCommandTests(TrainedRun run) => _run = run;

    public sealed class TrainedRun : IDisposable
    {
        internal TempDirectory Directory { get; } = new();
        public string Data { get; }
        public string RunFolder { get; }
        public string Checkpoint { get; }
        public string TrainError { get; }

        public TrainedRun()
        {
            Data = TinyDataset.Write(Directory.Combine("data"));
            RunFolder = Directory.Combine("runs", "t");
            int exit;
            (exit, TrainError) = Run(["train", "--train-data", Data, "--output-dir", Directory.Combine("runs"), "--run-name", "t", "--device", "cpu", "--threads", "1",
                "--batch-size", "4", .. TinyAcousticModel.Flags, "--set", "model.tokenizer_type=characters", "--set", "data.preprocessing_mode=runtime",
                "--set", "data.val_split=0.25", "--set", "data.train_split=0.75", "--max-steps", "3",
                "--enable-evaluation", "--eval-utterances", "2", "--plugin", "asr_engine=none"]).GetAwaiter().GetResult();
            Assert.True(exit == 0, TrainError);
            Checkpoint = new CheckpointStore(Path.Combine(RunFolder, "checkpoints"), 3, Serilog.Core.Logger.None).ReadLatest().Manifest.Path!;
        }

        public void Dispose() => Directory.Dispose();
    }

    [Fact]
    public void Training_with_evaluation_evaluates_after_each_epoch_and_at_the_end_and_logs_sinks_and_reports_it()
    {
        var evaluations = System.IO.Directory.GetDirectories(Path.Combine(_run.RunFolder, "evaluation")).Select(d => Path.GetFileName(d)!).Order().ToArray();
        var log = File.ReadAllText(Path.Combine(_run.RunFolder, "log.txt"));
        var metrics = File.ReadAllLines(Path.Combine(_run.RunFolder, "metrics.jsonl"));

        Assert.Equal(["step-2", "step-3"], evaluations);                        // epoch 1 ends at step 2; --max-steps 3 ends the run
        Assert.Contains("Evaluation at step 2 (epoch 1, 2 validation lines): WER unavailable", log);
        Assert.Contains(metrics, l => l.Contains("\"step\":3") && l.Contains("\"eval/signal/mcd_db\""));
        Assert.DoesNotContain(metrics, l => l.Contains("eval/intelligibility/wer"));   // no ASR engine: absent, never zero
        Assert.True(File.Exists(Path.Combine(_run.RunFolder, "report.html")));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_run.RunFolder, "evaluation", "step-3", "metrics.json")));
        var intelligibility = json.RootElement.GetProperty("groups").EnumerateArray().First(g => g.GetProperty("name").GetString() == "intelligibility");
        Assert.Contains("asr_engine=none", intelligibility.GetProperty("summary").GetProperty("unavailable").GetString());
    }

    [Fact]
    public async Task Evaluate_writes_metrics_json_csv_report_and_wavs_with_every_metric_numeric_or_unavailable_with_its_reason()
    {
        var output = _run.Directory.Combine("eval");

        var (exit, error) = await Run(["evaluate", "--checkpoint", _run.Checkpoint, "--data", _run.Data, "--max-utterances", "3", "--out", output,
            "--output-dir", _run.Directory.Combine("runs"), "--device", "cpu", "--threads", "1", "--showcase", "1", .. FakePocketSphinx.Install(_run.Directory.Combine("asr"))]);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "metrics.json")));
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, g => g.GetProperty("summary"));
        double Value(string group, string key) => groups[group].GetProperty("values").GetProperty(key).GetDouble();
        Assert.True(Value("signal", "mcd_db") >= 0);
        Assert.True(Value("signal", "duration_ratio") > 0);
        Assert.InRange(Value("speaker_similarity", "cos_output_reference"), -1, 1);
        Assert.InRange(Value("voice_identification", "accuracy"), 0, 1);
        Assert.InRange(Value("voice_identification", "ground_truth_accuracy"), 0, 1);
        Assert.True(groups["prosody"].GetProperty("values").TryGetProperty("f0_mean_hz", out _) || groups["prosody"].GetProperty("values").TryGetProperty("rate_sps", out _));
        Assert.Contains("voices.tsv", groups["tempo_twins"].GetProperty("unavailable").GetString());
        Assert.Contains("MOS", groups["mos"].GetProperty("unavailable").GetString());
        // The lines say "the birch canoe" (0 errors), "slid on the" (3 substitutions), "smooth planks" (2 substitutions and an
        // insertion) and are all heard as "the birch canoe": 6 errors over 8 reference words, in every clip set.
        foreach (var name in new[] { "intelligibility", "intelligibility_griffin_lim_ground_truth", "intelligibility_ground_truth" })
            Assert.Equal(6.0 / 8, Value(name, "wer"), 9);
        var lines = json.RootElement.GetProperty("lines").EnumerateArray().ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal(0.0, lines[0].GetProperty("metrics").GetProperty("intelligibility").GetProperty("values").GetProperty("wer").GetDouble());
        Assert.Equal(FakePocketSphinx.Heard, lines[1].GetProperty("metrics").GetProperty("intelligibility").GetProperty("texts").GetProperty("transcript").GetString());
        var csv = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("ALL,", csv[^1]);
        Assert.Equal(3 + 2, System.IO.Directory.GetFiles(Path.Combine(output, "wavs")).Length);   // every output, plus ground truth and prompt of the showcased line
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("data:audio/wav;base64,", html);
        Assert.Contains("records from " + Path.Combine(_run.RunFolder, "metrics.jsonl"), html);   // found the training run through the checkpoint
    }

    [Fact]
    public async Task Evaluate_gives_prompts_their_transcripts_unless_told_to_ignore_them()
    {
        async Task<JsonElement> Evaluate(string name, params string[] extra)
        {
            var output = _run.Directory.Combine(name);
            var (exit, error) = await Run(["evaluate", "--checkpoint", _run.Checkpoint, "--data", _run.Data, "--max-utterances", "2", "--out", output, "--showcase", "0",
                "--output-dir", _run.Directory.Combine("runs"), "--device", "cpu", "--threads", "1", .. FakePocketSphinx.Install(_run.Directory.Combine("asr-" + name)), .. extra]);
            Assert.True(exit == 0, error);
            return JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "metrics.json"))).RootElement.Clone();
        }

        var timed = await Evaluate("timed");
        var untimed = await Evaluate("untimed", "--ignore-reference-transcripts");

        Assert.StartsWith("geometric mean over each prompt", timed.GetProperty("setup").GetProperty("speaking rate").GetString());
        Assert.StartsWith("the model's own pace", untimed.GetProperty("setup").GetProperty("speaking rate").GetString());
        JsonElement Rates(JsonElement root) => root.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "prompt_speaking_rate");
        var rates = Rates(timed).GetProperty("summary").GetProperty("values");
        Assert.InRange(rates.GetProperty("geometric_mean").GetDouble(), 0.5, 2.0);
        Assert.True(rates.GetProperty("prompts").GetDouble() >= 1);
        var lineRates = timed.GetProperty("lines").EnumerateArray()
            .Select(l => l.GetProperty("metrics").GetProperty("prompt_speaking_rate").GetProperty("values").GetProperty("rate").GetDouble()).ToArray();
        Assert.Equal(2, lineRates.Length);
        Assert.All(lineRates, r => Assert.InRange(r, rates.GetProperty("min").GetDouble(), rates.GetProperty("max").GetDouble()));
        Assert.Contains("--ignore-reference-transcripts", Rates(untimed).GetProperty("summary").GetProperty("unavailable").GetString());
        Assert.InRange(rates.GetProperty("mean_clips").GetDouble(), 1, EvaluationSet.DefaultRatePrompts);

        var one = await Evaluate("one-clip", "--rate-prompts", "1");
        Assert.StartsWith("each prompt's", one.GetProperty("setup").GetProperty("speaking rate").GetString());
        Assert.Equal(1, Rates(one).GetProperty("summary").GetProperty("values").GetProperty("mean_clips").GetDouble());
        var (exit, error) = await Run(["evaluate", "--checkpoint", _run.Checkpoint, "--data", _run.Data, "--out", _run.Directory.Combine("both"),
            "--rate-prompts", "3", "--ignore-reference-transcripts"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("give one or the other", error);
        (exit, error) = await Run(["evaluate", "--checkpoint", _run.Checkpoint, "--data", _run.Data, "--out", _run.Directory.Combine("none"), "--rate-prompts", "0"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("--rate-prompts must be at least 1", error);
    }

    [Fact]
    public async Task Report_regenerates_the_report_of_a_run_folder_and_refuses_a_folder_that_is_neither_run_nor_evaluation()
    {
        File.Delete(Path.Combine(_run.RunFolder, "report.html"));

        var (exit, error) = await Run(["report", _run.RunFolder]);
        var (badExit, badError) = await Run(["report", _run.Data]);

        Assert.True(exit == 0, error);
        Assert.Contains("data:image/png;base64,", File.ReadAllText(Path.Combine(_run.RunFolder, "report.html")));
        Assert.Equal(2, badExit);
        Assert.Contains("neither a training run folder", badError);
    }

    private static async Task<(int Exit, string Error)> Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CliContext(output, error, new Dictionary<string, string?>()));
        return (exit, error.ToString() + output);
    }
}
