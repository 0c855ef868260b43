using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Training;

/// <summary><c>train --prefetch-to-gpu</c> on a CPU run: accepted, changes nothing, and says so once in the log.</summary>
[Collection(TrainingCommandCollection.Name)]
public sealed class PrefetchFlagTests
{
    [Fact]
    public async Task Prefetch_to_gpu_on_cpu_trains_from_host_memory_and_logs_one_line_saying_so()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 4);
        var error = new StringWriter();

        var exit = await CliApplication.RunAsync(["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "p", "--device", "cpu", "--threads", "1",
            "--batch-size", "2", .. TinyAcousticModel.Flags, "--set", "data.preprocessing_mode=runtime", "--set", "training.validation_samples=0", "--max-steps", "1", "--prefetch-to-gpu"],
            new CliContext(new StringWriter(), error, new Dictionary<string, string?>()));

        Assert.True(exit == 0, error.ToString());
        var lines = File.ReadAllLines(dir.Combine("runs", "p", "log.txt"));
        Assert.Single(lines, l => l.Contains("--prefetch-to-gpu has no effect on device cpu: batches stay in host memory"));
        Assert.Contains(lines, l => l.Contains("Training ended (MaxStepsReached) at step 1"));
    }
}
