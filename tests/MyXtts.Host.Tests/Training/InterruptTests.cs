using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Training;

[Collection(TrainingCommandCollection.Name)]
public sealed class InterruptTests
{
    [Theory]
    [InlineData("INT", "Ctrl-C")]
    [InlineData("TERM", "SIGTERM")]
    public void Ctrl_C_or_sigterm_saves_a_checkpoint_after_the_current_step_and_exits_with_130(string signal, string announced)
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"));
        var run = dir.Combine("runs", "ctrl-c");
        using var cli = CliProcess.Start(["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "ctrl-c", .. TinyAcousticModel.Flags,
            "--epochs", "100000", "--device", "cpu", "--threads", "1", "--batch-size", "2", "--set", "training.log_step=1", "--set", "training.validation_samples=0", "--set", "data.num_workers=1", "--set", "data.val_split=0",
            "--set", "model.tokenizer_type=characters", "--set", "data.preprocessing_mode=runtime"]);

        Assert.True(cli.WaitFor("Step 3 ", TimeSpan.FromSeconds(60)), "training did not reach step 3:\n" + cli.Output);
        cli.Signal(signal);
        var exit = cli.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exit == 130, $"exit {exit?.ToString() ?? "(still running)"}:\n{cli.Output}");
        Assert.Contains($"Stop requested ({announced})", cli.Output);
        Assert.Contains("Training ended (Interrupted)", cli.Output);
        var latest = new CheckpointStore(Path.Combine(run, "checkpoints"), 3, Serilog.Core.Logger.None).ReadLatest();
        Assert.True(latest.Manifest.Progress.Step >= 3, $"checkpoint at step {latest.Manifest.Progress.Step}");
        Assert.Empty(Directory.GetFiles(Path.Combine(run, "checkpoints"), "*.tmp"));
    }
}
