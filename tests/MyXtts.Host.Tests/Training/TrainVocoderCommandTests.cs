using System.Text.Json;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Vocoder;
using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Training;

[Collection(TrainingCommandCollection.Name)]
public sealed class TrainVocoderCommandTests
{
    /// <summary>A generator with rates 8·8·4 (hop 256) and 16 channels, discriminators at 1/8 width, 1024-sample segments.</summary>
    private const string TinyGenerator = """
        {"resblock": "2", "upsample_rates": [8, 8, 4], "upsample_kernel_sizes": [16, 16, 8], "upsample_initial_channel": 16,
         "resblock_kernel_sizes": [3], "resblock_dilation_sizes": [[1, 2]], "num_mels": 80}
        """;

    private static string[] Tiny(string config) =>
    [
        "--device", "cpu", "--threads", "1", "--set", "training.log_step=1", "--set", "data.num_workers=1", "--set", "data.val_split=0.25",
        "--set", "data.train_split=0.75", "--set", "model.tokenizer_type=characters", "--set", "data.preprocessing_mode=runtime",
        "--set", "plugins.hifigan.DiscriminatorChannelDivisor=8", "--vocoder-config", config, "--segment-size", "1024",
        "--stage2-batch-size", "2", "--stage2-max-audio-seconds", "0.2",
    ];

    [Fact]
    public async Task Train_vocoder_writes_stage2_checkpoints_a_loadable_generator_validation_wavs_and_metrics_and_resumes()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"));
        var config = dir.Combine("tiny.json");
        File.WriteAllText(config, TinyGenerator);
        string[] common = ["train-vocoder", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "v", .. Tiny(config)];

        var (exit, error) = await Run([.. common, "--stage2-epochs", "1"]);

        Assert.True(exit == 0, error);
        var run = dir.Combine("runs", "v");
        var log = File.ReadAllText(Path.Combine(run, "log.txt"));
        Assert.Contains("vocoder_mel_loss=45 (default of the term)", log);
        Assert.Contains("discriminator_loss=1 (default of the term)", log);
        Assert.Contains(" generator_adversarial=", log);   // periodic lines show the vocoder terms
        Assert.Contains("Validation mel L1", log);
        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Contains(metrics, m => m.TryGetProperty("train/w_vocoder_mel_loss", out _) && m.TryGetProperty("train/feature_matching_loss", out _));
        Assert.Contains(metrics, m => m.TryGetProperty("epoch/val/mel_l1", out _));
        var stage2 = Path.Combine(run, "checkpoints", "stage2");
        Assert.Single(Directory.GetFiles(stage2, "step-*.ckpt"));
        Assert.True(File.Exists(VocoderCheckpoint.GeneratorWeights(stage2)));
        Assert.True(File.Exists(Path.Combine(stage2, "config.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "stage2-samples", "epoch-0001"), "*.wav"));

        (exit, error) = await Run([.. common, "--stage2-epochs", "2", "--resume"]);

        Assert.True(exit == 0, error);
        Assert.Contains("Resuming stage 2 from", File.ReadAllText(Path.Combine(run, "log.txt")));
        var latest = new CheckpointStore(stage2, 3, Serilog.Core.Logger.None).ReadLatest(VocoderCheckpoint.Read);
        Assert.Equal(2, latest.Manifest.Progress.Epoch);
        Assert.Equal("hifigan", latest.Manifest.Vocoder);
    }

    [Fact]
    public async Task A_vocoder_that_cannot_be_trained_is_refused_with_a_message_naming_it_and_the_fix()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 4);

        var (exit, error) = await Run(["train-vocoder", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "gl", "--device", "cpu", "--vocoder", "griffin_lim"]);

        Assert.Equal(2, exit);
        Assert.Contains("'griffin_lim'", error);
        Assert.Contains("--vocoder hifigan", error);
    }

    [Fact]
    public async Task Two_stage_training_trains_the_acoustic_model_then_the_vocoder_in_one_run()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"));
        var config = dir.Combine("tiny.json");
        File.WriteAllText(config, TinyGenerator);

        var (exit, error) = await Run(["train", "--two-stage-training", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "two",
            .. Tiny(config), .. TinyAcousticModel.Flags, "--batch-size", "2", "--stage1-epochs", "1", "--stage2-epochs", "1", "--set", "training.validation_samples=0"]);

        Assert.True(exit == 0, error);
        var run = dir.Combine("runs", "two");
        var log = File.ReadAllText(Path.Combine(run, "log.txt"));
        Assert.Contains("Stage 1 done; stage 2: training the hifigan vocoder", log);
        Assert.Contains("mel_loss=", log);
        Assert.Contains("vocoder_mel_loss=45", log);
        Assert.Equal(1, new CheckpointStore(Path.Combine(run, "checkpoints"), 3, Serilog.Core.Logger.None).ReadLatest().Manifest.Progress.Epoch);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "checkpoints", "stage2"), "*.ckpt"));
    }

    private static async Task<(int Exit, string Error)> Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CliContext(output, error, new Dictionary<string, string?>()));
        return (exit, error.ToString() + output);
    }
}
