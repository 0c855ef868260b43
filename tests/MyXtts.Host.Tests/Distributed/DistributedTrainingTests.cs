using MyXtts.Checkpoints.Safetensors;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Distributed;
using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Plugins;
using MyXtts.Host.Tests.Training;

namespace MyXtts.Host.Tests.Distributed;

/// <summary>
/// <c>myxtts train</c> as an mpirun job of two ranks on the baseline model. With SGD and no dropout, two ranks with a
/// batch each are the same optimizer step as one process accumulating the same two batches, so the weights must agree.
/// </summary>
[Collection(TrainingCommandCollection.Name)]
public sealed class DistributedTrainingTests
{
    // 16 clips, a quarter for validation: 12 training clips = 6 batches of 2, so both set-ups see 3 steps per epoch.
    private static readonly string[] Tiny =
    [
        "--device", "cpu", "--threads", "1", "--batch-size", "2", .. Training.TinyAcousticModel.Flags, "--set", "model.dropout=0",
        "--set", "training.log_step=1", "--set", "training.warmup_steps=2", "--set", "data.num_workers=1", "--set", "data.val_split=0.25",
        "--set", "data.train_split=0.75", "--set", "data.enable_multispeaker=true", "--set", "model.tokenizer_type=characters",
        "--set", "data.preprocessing_mode=runtime", "--set", "model.voice_encoder_dropout=0", "--set", "training.optimizer=sgd",
        "--set", "training.learning_rate=0.01", "--set", "training.gradient_clip_norm=0",   // plain SGD: 0.1 diverges with the pitch, energy and voice terms
    ];

    private static readonly TimeSpan JobLimit = TimeSpan.FromSeconds(120);

    [MpiFact]
    public async Task Two_ranks_keep_identical_weights_that_match_one_process_accumulating_their_batches_through_a_resume_from_two_to_one_to_two_ranks()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 16);
        string[] Args(string run) => ["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", run, .. Tiny, "--epochs", "2"];
        string[] accumulateTwo = ["--set", "training.gradient_accumulation_steps=2"];

        var (exit, error) = await RunInProcess([.. Args("one"), .. accumulateTwo, "--export-safetensors", dir.Combine("one.safetensors")]);
        Assert.True(exit == 0, error);

        // Two ranks (started by --launch-local) → one process (accumulating 2) → two ranks, each leg resuming the last.
        var launched = await MpiJob.Running.Start(MpiJob.Myxtts, [.. Args("resumed"), "--max-steps", "2", "--launch-local", "2"], dir.Path).WaitAsync(JobLimit);
        Assert.True(launched.Exit == 0, launched.Output);
        Assert.Contains("--bind-to none", launched.Output);
        (exit, error) = await RunInProcess([.. Args("resumed"), .. accumulateTwo, "--max-steps", "4", "--resume"]);
        Assert.True(exit == 0, error);
        var last = await MpiJob.Start(2, dir.Path, [.. Args("resumed"), "--resume", "--export-safetensors", dir.Combine("resumed.safetensors")]).WaitAsync(JobLimit);
        Assert.True(last.Exit == 0, last.Output);

        var run = dir.Combine("runs", "resumed");
        var log = File.ReadAllText(Path.Combine(run, "log.txt"));
        Assert.Equal(2, CountOf(log, "Weights are bit-identical on all 2 ranks"));
        Assert.Contains("Resuming from", log);
        Assert.True(Directory.Exists(Path.Combine(run, "ranks", "rank1")));
        Assert.False(Directory.Exists(Path.Combine(run, "ranks", "rank1", "checkpoints")));   // only rank 0 writes checkpoints
        Assert.Equal(6, new CheckpointStore(Path.Combine(run, "checkpoints"), 3, Serilog.Core.Logger.None).ReadLatest().Manifest.Progress.Step);
        using var singleFile = SafetensorsFile.Read(dir.Combine("one.safetensors"));
        using var distributedFile = SafetensorsFile.Read(dir.Combine("resumed.safetensors"));
        var (single, distributed) = (singleFile.StateDict(), distributedFile.StateDict());
        Assert.Equal(single.Keys.Order(), distributed.Keys.Order());
        foreach (var (name, value) in single)
            Assert.True(value.allclose(distributed[name], rtol: 0, atol: 1e-5), $"{name}: max |Δ| = {(value - distributed[name]).abs().max().item<float>()}");
    }

    [MpiFact]
    public async Task A_killed_rank_ends_the_whole_job_with_a_non_zero_exit_code_within_seconds()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 16);
        var job = MpiJob.Start(2, dir.Path, ["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "k", .. Tiny, "--epochs", "1000"]);

        await WaitForTraining(job, dir.Combine("runs", "k", "log.txt"));
        var killedAt = DateTime.UtcNow;
        System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(dir.Combine("pid.1")))).Kill();
        var (exit, output, _) = await job.WaitAsync(JobLimit);

        Assert.NotEqual(0, exit);
        Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(40), $"the job took {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s to end after rank 1 was killed:\n{output}");
        Assert.Contains("rank 1", output);
    }

    [MpiFact]
    public async Task A_rank_that_stops_responding_makes_the_others_end_the_job_after_the_collective_timeout()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 16);
        var job = MpiJob.Start(2, dir.Path, ["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", "s", .. Tiny, "--epochs", "1000",
            "--set", "training.distributed_timeout=8"]);   // 8 s: rank 0 validating on a loaded 2-core machine must not look like a hang

        await WaitForTraining(job, dir.Combine("runs", "s", "log.txt"));
        var stoppedAt = DateTime.UtcNow;
        using (var stop = System.Diagnostics.Process.Start("kill", ["-STOP", File.ReadAllText(dir.Combine("pid.1")).Trim()])) await stop.WaitForExitAsync();
        var (exit, output, _) = await job.WaitAsync(JobLimit);

        Assert.True(exit == ExitCodes.CollectiveTimeout, output);
        // Which collective rank 0 was in (gradient all-reduce, the validation loss broadcast, ...) depends on timing.
        Assert.Matches(@"Rank 0 of 2: the [a-z() -]+ waited (8|9|10) s for the other ranks \(training.distributed_timeout is 8 s\)", output);
        Assert.True(DateTime.UtcNow - stoppedAt < TimeSpan.FromSeconds(40), $"the job took {(DateTime.UtcNow - stoppedAt).TotalSeconds:F1} s to end");
    }

    /// <summary>Waits until rank 0 has finished an epoch (so every rank is inside the training loop).</summary>
    private static async Task WaitForTraining(MpiJob.Running job, string log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < JobLimit)
        {
            if (job.HasExited) throw new InvalidOperationException("the job ended before training started:\n" + (await job.WaitAsync(JobLimit)).Output);
            if (File.Exists(log))
            {
                using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                if ((await reader.ReadToEndAsync()).Contains("Epoch 1 done")) return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"rank 0 did not finish an epoch within {JobLimit.TotalSeconds} s ({log})");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    private static async Task<(int Exit, string Error)> RunInProcess(string[] args)
    {
        var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CliContext(new StringWriter(), error, new Dictionary<string, string?>()));
        return (exit, error.ToString());
    }
}
