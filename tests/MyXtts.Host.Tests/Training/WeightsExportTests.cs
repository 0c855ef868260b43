using MyXtts.Checkpoints.Safetensors;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Training;

/// <summary><c>myxtts export</c> and <c>myxtts train --init-weights</c>: checkpoint → .safetensors → a new run, bit for bit.</summary>
[Collection(TrainingCommandCollection.Name)]
public sealed class WeightsExportTests
{
    private static readonly string[] TinyModel =
    [
        "--device", "cpu", "--threads", "1", "--batch-size", "2", .. TinyAcousticModel.Flags, "--set", "data.num_workers=1",
        "--set", "model.tokenizer_type=characters", "--set", "data.preprocessing_mode=runtime", "--set", "training.validation_samples=0",
    ];

    [Fact]
    public async Task Export_writes_a_checkpoints_weights_and_train_init_weights_starts_from_exactly_those_weights()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 6);
        string[] Train(string run, params string[] more) => ["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", run, .. TinyModel, .. more];

        var (exit, output, error) = await Run(Train("a", "--max-steps", "2", "--export-safetensors", dir.Combine("end-of-run.safetensors")));
        Assert.True(exit == 0, error);
        var checkpoint = dir.Combine("runs", "a", "checkpoints", "step-000000002.ckpt");

        (exit, output, error) = await Run(["export", "--checkpoint", checkpoint, "--out", dir.Combine("exported.safetensors")]);
        Assert.True(exit == 0, error);
        Assert.Contains("step 2", output);
        AssertSameTensors(dir.Combine("end-of-run.safetensors"), dir.Combine("exported.safetensors"));   // the checkpoint's weights, not a rebuild's
        Assert.Equal("2", SafetensorsFile.ReadMetadata(dir.Combine("exported.safetensors"))[ModelWeights.StepKey]);

        // --max-steps 0: the run loads the weights and ends at once, so its export shows exactly what it started from.
        (exit, _, error) = await Run(Train("b", "--init-weights", dir.Combine("exported.safetensors"), "--max-steps", "0", "--export-safetensors", dir.Combine("reimported.safetensors")));
        Assert.True(exit == 0, error);
        Assert.Contains("Initialised the model from", File.ReadAllText(dir.Combine("runs", "b", "log.txt")));
        AssertSameTensors(dir.Combine("exported.safetensors"), dir.Combine("reimported.safetensors"));
    }

    [Fact]
    public async Task Init_weights_of_another_model_size_fail_naming_the_key_and_both_shapes()
    {
        using var dir = new TempDirectory();
        var data = TinyDataset.Write(dir.Combine("data"), clips: 6);
        string[] Train(string run, params string[] more) => ["train", "--train-data", data, "--output-dir", dir.Combine("runs"), "--run-name", run, .. TinyModel, .. more];
        var (exit, _, error) = await Run(Train("a", "--max-steps", "0", "--export-safetensors", dir.Combine("w.safetensors")));
        Assert.True(exit == 0, error);

        (exit, _, error) = await Run(Train("b", "--init-weights", dir.Combine("w.safetensors"), "--max-steps", "1", "--set", "model.text_encoder_dim=24"));

        Assert.Equal(2, exit);
        Assert.Contains("do not fit this model", error);
        Assert.Contains("text_encoder.embedding.weight: file [", error);
        Assert.Contains("] vs module [", error);
    }

    private static void AssertSameTensors(string expectedPath, string actualPath)
    {
        using var expectedFile = SafetensorsFile.Read(expectedPath);
        using var actualFile = SafetensorsFile.Read(actualPath);
        var (expected, actual) = (expectedFile.StateDict(), actualFile.StateDict());
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
            Assert.True(tensor.shape.SequenceEqual(actual[name].shape) && tensor.bytes.SequenceEqual(actual[name].bytes), $"{name} differs between {expectedPath} and {actualPath}");
    }

    private static async Task<(int Exit, string Output, string Error)> Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CliContext(output, error, new Dictionary<string, string?>()));
        return (exit, output.ToString(), error.ToString());
    }
}
