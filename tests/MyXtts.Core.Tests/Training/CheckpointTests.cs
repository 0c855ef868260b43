using MyXtts.Abstractions.Audio;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Text;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Models;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class CheckpointTests
{
    private static readonly TokenizerDefinition Characters = new() { Kind = "characters", Symbols = ["<pad>", "<bos>", "<eos>", "<blank>", "a", "b"] };

    [Fact]
    public void The_folder_keeps_the_last_N_step_checkpoints_the_best_one_and_a_latest_pointer()
    {
        using var dir = new TempDirectory();
        using var model = TinyTraining.Model();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(4, 2), new RecordingReporter(),
            new TrainerOptions { Epochs = 4, SaveEvery = 1 }, validation: new SyntheticBatches(2, 2), checkpoints: TinyTraining.Store(dir.Path, keepLast: 2));

        trainer.Fit();

        var store = TinyTraining.Store(dir.Path);
        Assert.Equal(["step-000000007.ckpt", "step-000000008.ckpt"], store.StepFiles().Select(Path.GetFileName));
        Assert.Equal("step-000000008.ckpt", File.ReadAllText(Path.Combine(dir.Path, CheckpointStore.LatestPointer)).Trim());
        var best = TrainingCheckpoint.Read(Path.Combine(dir.Path, CheckpointStore.BestFile)).Manifest;
        Assert.Equal(best.Progress.BestValidationLoss, best.ValidationLoss);
        Assert.Null(Directory.GetFiles(dir.Path, "*.tmp").FirstOrDefault());
    }

    [Fact]
    public void A_truncated_latest_checkpoint_is_skipped_with_a_warning_and_the_previous_one_is_used()
    {
        using var dir = new TempDirectory();
        SaveTwoSteps(dir.Path);
        var latest = Path.Combine(dir.Path, "step-000000002.ckpt");
        var bytes = File.ReadAllBytes(latest);
        File.WriteAllBytes(latest, bytes[..(bytes.Length / 2)]);
        var warnings = new List<LogEvent>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new ListSink(warnings)).CreateLogger();

        var checkpoint = new CheckpointStore(dir.Path, 3, log).ReadLatest();

        Assert.Equal(1, checkpoint.Manifest.Progress.Step);
        var warning = Assert.Single(warnings);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Contains("step-000000002.ckpt", warning.RenderMessage());
        Assert.Contains("SHA-256", warning.RenderMessage());
    }

    [Fact]
    public void A_complete_step_file_newer_than_the_latest_pointer_is_resumed_from()
    {
        using var dir = new TempDirectory();
        SaveTwoSteps(dir.Path);
        File.WriteAllText(Path.Combine(dir.Path, CheckpointStore.LatestPointer), "step-000000001.ckpt\n");   // killed after step 2's rename, before the pointer

        Assert.Equal(2, TinyTraining.Store(dir.Path).ReadLatest().Manifest.Progress.Step);
    }

    [Fact]
    public void The_first_save_removes_temporary_files_of_writes_by_a_killed_process_and_keeps_those_of_live_ones()
    {
        using var dir = new TempDirectory();
        using var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true"))!;
        exited.WaitForExit();
        var dead = Path.Combine(dir.Path, $".step-000000003.ckpt.{exited.Id}.0123abcd.tmp");
        var live = Path.Combine(dir.Path, $".latest.{Environment.ProcessId}.4567cdef.tmp");
        File.WriteAllBytes(dead, new byte[100]);
        File.WriteAllBytes(live, new byte[10]);

        SaveTwoSteps(dir.Path);

        Assert.False(File.Exists(dead), "a killed run's half-written checkpoint is removed");
        Assert.True(File.Exists(live), "a running process's write in progress is left alone");
        Assert.Equal(2, TinyTraining.Store(dir.Path).StepFiles().Count);
    }

    [Fact]
    public void A_checkpoint_with_one_flipped_byte_fails_its_checksum()
    {
        using var dir = new TempDirectory();
        SaveTwoSteps(dir.Path);
        var path = Path.Combine(dir.Path, "step-000000001.ckpt");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CorruptCheckpointException>(() => TrainingCheckpoint.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Resuming_with_another_model_size_vocabulary_or_mel_definition_fails_naming_the_difference()
    {
        using var dir = new TempDirectory();
        SaveTwoSteps(dir.Path, Characters, new MelSettings { NMels = 8 });
        var checkpoint = TinyTraining.Store(dir.Path).ReadLatest();

        using var wider = new BaselineConvModel(new BaselineConvOptions { VocabSize = 12, NMels = 8, Channels = 24, Layers = 2, KernelSize = 3 });
        var size = Assert.Throws<CheckpointException>(() => ResumeWith(wider, checkpoint, Characters, new MelSettings { NMels = 8 }));
        Assert.Contains("different model size", size.Message);
        Assert.Contains("'embedding.weight' is [12, 16] in the checkpoint and [12, 24] in this model", size.Message);
        Assert.Contains("channels 16", size.Message);

        using var model = TinyTraining.Model();
        var vocabulary = Assert.Throws<CheckpointException>(() => ResumeWith(model, checkpoint, Characters with { Symbols = [.. Characters.Symbols, "c"] }, new MelSettings { NMels = 8 }));
        Assert.Contains("different vocabulary: vocabulary of 6 vs 7 symbols", vocabulary.Message);

        var mel = Assert.Throws<CheckpointException>(() => ResumeWith(model, checkpoint, Characters, new MelSettings { NMels = 8, HopLength = 200 }));
        Assert.Contains("different mel definition: hop_length 256 vs 200", mel.Message);
    }

    [Fact]
    public void Weights_exported_to_safetensors_import_into_a_fresh_model_unchanged()
    {
        using var dir = new TempDirectory();
        using var source = TinyTraining.Model(seed: 1);
        using var target = TinyTraining.Model(seed: 2);
        var path = dir.File("weights.safetensors");

        ModelWeights.ExportSafetensors(source, path, source.Description);
        ModelWeights.ImportSafetensors(target, path);

        foreach (var (name, value) in source.state_dict())
            Assert.True(TinyTraining.Same(value, target.state_dict()[name]), $"{name} differs");
        var headerLength = BitConverter.ToInt64(File.ReadAllBytes(path), 0);
        Assert.Equal(0, headerLength % 8);
        Assert.Contains("\"embedding.weight\":{\"dtype\":\"F32\",\"shape\":[12,16]", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path), 8, (int)headerLength));

        using var wider = new BaselineConvModel(new BaselineConvOptions { VocabSize = 12, NMels = 8, Channels = 24, Layers = 2, KernelSize = 3 });
        var error = Assert.Throws<CheckpointException>(() => ModelWeights.ImportSafetensors(wider, path));
        Assert.Contains("embedding.weight: file [12, 16] vs module [12, 24]", error.Message);
    }

    private static void ResumeWith(BaselineConvModel model, TrainingCheckpoint checkpoint, TokenizerDefinition tokenizer, MelSettings mel)
    {
        using var trainer = new Trainer(new TrainerSetup
        {
            Model = model, LossTerms = TinyTraining.MelLossOnly(), Train = new SyntheticBatches(4, 2), Settings = TinyTraining.Settings,
            Options = new TrainerOptions(), Tokenizer = tokenizer, Mel = mel,
        });
        trainer.Resume(checkpoint);
    }

    private static void SaveTwoSteps(string directory, TokenizerDefinition? tokenizer = null, MelSettings? mel = null)
    {
        using var model = TinyTraining.Model();
        using var trainer = new Trainer(new TrainerSetup
        {
            Model = model, LossTerms = TinyTraining.MelLossOnly(), Train = new SyntheticBatches(4, 2), Settings = TinyTraining.Settings,
            Options = new TrainerOptions { Epochs = 1, SaveEvery = 1 }, Checkpoints = TinyTraining.Store(directory), Tokenizer = tokenizer, Mel = mel,
            Configuration = "{\"training\":{}}",
        });
        trainer.Fit();
    }

    private sealed class ListSink(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(logEvent);
    }
}
