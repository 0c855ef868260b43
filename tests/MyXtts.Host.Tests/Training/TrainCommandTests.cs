using System.Text.Json;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Training;

[Collection(TrainingCommandCollection.Name)]
public sealed class TrainCommandTests
{
    private static readonly string[] TinyModel =
    [
        "--device", "cpu", "--threads", "1", "--batch-size", "2", .. TinyAcousticModel.Flags,
        "--set", "training.log_step=1", "--set", "training.warmup_steps=2", "--set", "data.num_workers=1", "--set", "data.val_split=0.25", "--set", "data.train_split=0.75",
        "--set", "data.enable_multispeaker=true", "--set", "model.tokenizer_type=characters", "--set", "data.preprocessing_mode=runtime",
        "--set", "training.validation_samples=1",
    ];

    [Fact]
    public async Task Train_writes_checkpoints_metrics_and_epoch_summaries_and_resume_continues_from_the_latest_checkpoint()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"));
        string[] common = ["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "r1", .. TinyModel];

        var (exit, error) = await Run([.. common, "--epochs", "2"]);

        Assert.True(exit == 0, error);
        var run = dir.Combine("runs", "r1");
        var log = File.ReadAllText(Path.Combine(run, "log.txt"));
        Assert.Contains("Loss weights: mel_loss=1 (training.loss_weights.mel)", log);
        Assert.Contains("Train loss components: mel_loss=", log);
        Assert.Contains("w_mel_loss=", log);
        Assert.Contains("Validation loss components: mel_loss=", log);
        Assert.Contains("Training ended (Completed) at step", log);
        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Contains(metrics, m => m.TryGetProperty("train/w_mel_loss", out _) && m.TryGetProperty("train/lr", out _));
        Assert.Contains(metrics, m => m.TryGetProperty("epoch/val/mel_loss", out _));
        var latest = TrainingCheckpoint.Read(Path.Combine(run, "checkpoints", File.ReadAllText(Path.Combine(run, "checkpoints", CheckpointStore.LatestPointer)).Trim()));
        Assert.Equal(2, latest.Manifest.Progress.Epoch);
        Assert.Equal(80, latest.Manifest.Mel!.NMels);
        Assert.Contains("\"text_encoder_dim\": 16", latest.Manifest.Configuration);
        Assert.Equal("characters", latest.Manifest.Tokenizer!.Kind);
        var sampleSteps = Directory.GetDirectories(Path.Combine(run, "samples"));
        Assert.Equal(2, sampleSteps.Length);   // one per validation
        Assert.All(sampleSteps, step => Assert.NotEmpty(Directory.GetFiles(step, "*.wav")));
        Assert.All(sampleSteps, step => Assert.NotEmpty(Directory.GetFiles(step, "*.png")));

        (exit, error) = await Run([.. common, "--epochs", "3", "--resume", "--export-safetensors", dir.Combine("model.safetensors")]);

        Assert.True(exit == 0, error);
        log = File.ReadAllText(Path.Combine(run, "log.txt"));
        Assert.Contains("Resuming from", log);
        Assert.Equal(3, TinyStore(run).ReadLatest().Manifest.Progress.Epoch);
        Assert.True(new FileInfo(dir.Combine("model.safetensors")).Length > 1000);
    }

    [Fact]
    public async Task A_loss_plugin_from_its_own_assembly_trains_with_its_weight_and_appears_in_logs_and_metrics()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"));
        var plugins = dir.Combine("plugins");
        FixturePlugins.CopyInto(plugins, "Good");

        var (exit, error) = await Run(["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "p", .. TinyModel,
            "--plugins-dir", plugins, "--plugin", "fixture_l1", "--loss-weight", "fixture_l1=0.5", "--max-steps", "2", "--progress-terms", "fixture_l1"]);

        Assert.True(exit == 0, error);
        var log = File.ReadAllText(dir.Combine("runs", "p", "log.txt"));
        Assert.Contains("fixture_l1=0.5 (training.loss_weights.fixture_l1)", log);
        Assert.Contains(" fixture_l1=", log);   // periodic lines (output is not a terminal) show the requested term
        var metrics = File.ReadAllText(dir.Combine("runs", "p", "metrics.jsonl"));
        Assert.Contains("\"train/w_fixture_l1\"", metrics);
        Assert.Contains("\"train/fixture_l1/scale\"", metrics);
    }

    [Fact]
    public async Task Resuming_a_folder_without_checkpoints_fails_with_a_message_naming_the_folder()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 4);

        var (exit, error) = await Run(["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "empty", .. TinyModel, "--resume"]);

        Assert.Equal(2, exit);
        Assert.Contains("No usable checkpoint in", error);
        Assert.Contains(Path.Combine("empty", "checkpoints"), error);
    }

    [Theory]
    [InlineData("--disable-gst", false)]
    [InlineData("--enable-gst", true)]
    public async Task The_gst_switches_decide_whether_the_trained_model_has_style_tokens(string flag, bool hasStyleTokens)
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 4);

        var (exit, error) = await Run(["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "g", .. TinyModel, "--max-steps", "1", flag]);

        Assert.True(exit == 0, error);
        var shapes = TinyStore(dir.Combine("runs", "g")).ReadLatest().Manifest.Shapes;
        Assert.Equal(hasStyleTokens, shapes.Keys.Any(k => k.StartsWith("gst.", StringComparison.Ordinal)));
        Assert.Contains(shapes.Keys, k => k.StartsWith("audio_encoder.", StringComparison.Ordinal));
    }

    private static CheckpointStore TinyStore(string run) => new(Path.Combine(run, "checkpoints"), 3, Serilog.Core.Logger.None);

    private static async Task<(int Exit, string Error)> Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CliContext(output, error, new Dictionary<string, string?>()));
        return (exit, error.ToString());
    }
}

/// <summary>Command runs seed torch's global generator and set its thread count: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCommandCollection
{
    public const string Name = "train command";
}
