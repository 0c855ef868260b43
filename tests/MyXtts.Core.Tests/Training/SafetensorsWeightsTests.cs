using MyXtts.Abstractions.Audio;
using MyXtts.Checkpoints.Safetensors;
using MyXtts.Core.Tests.Models;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Text;
using MyXtts.Core.Training.Checkpoints;

namespace MyXtts.Core.Tests.Training;

/// <summary>
/// <see cref="ModelWeights"/> with the acoustic model: export, import into a model built from other seeds, identical
/// parameters and buffers (mel statistics included); strict refusal naming the key.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class SafetensorsWeightsTests
{
    private static readonly TokenizerDefinition Vocabulary = new() { Kind = "characters", Symbols = ["<pad>", "<bos>", "<eos>", "<blank>", .. "abcdefgh".Select(c => c.ToString())] };
    private static readonly MelSettings Mel = new() { NMels = 8 };

    [Fact]
    public void Acoustic_model_weights_exported_to_safetensors_import_into_a_fresh_model_unchanged_with_their_vocabulary()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acoustic.safetensors");
        using var source = TrainedModel(seed: 1);
        using var target = TinyAcoustic.Model(seed: 2);

        ModelWeights.ExportSafetensors(source, path, source.Description, Vocabulary, Mel, step: 7);
        ModelWeights.ImportSafetensors(target, path, Vocabulary, Mel);

        var expected = source.state_dict();
        Assert.Equal(expected.Keys.Order(), target.state_dict().Keys.Order());
        foreach (var (name, value) in target.state_dict())
            Assert.True(TinyTraining.Same(expected[name], value), $"{name} differs after the round trip");
        Assert.False(target.NeedsInitialization);   // the mel statistics travelled with the weights
        Assert.Equal(Vocabulary.Symbols, ModelWeights.ReadTokenizer(path)!.Symbols);
        Assert.Equal("7", SafetensorsFile.ReadMetadata(path)[ModelWeights.StepKey]);
    }

    [Fact]
    public void Importing_into_another_size_or_vocabulary_fails_naming_the_key_and_both_shapes_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acoustic.safetensors");
        using var source = TrainedModel(seed: 1);
        ModelWeights.ExportSafetensors(source, path, source.Description, Vocabulary, Mel);
        using var wider = new MyXtts.Core.Models.XttsAcousticModel(TinyAcoustic.Options() with { VocabSize = 14 });
        var before = TinyTraining.Snapshot(wider);

        var size = Assert.Throws<CheckpointException>(() => ModelWeights.ImportSafetensors(wider, path));
        Assert.Contains("do not fit this model", size.Message);
        Assert.Contains("text_encoder.embedding.weight: file [12, 32] vs module [14, 32]", size.Message);
        Assert.All(before, kv => Assert.True(TinyTraining.Same(kv.Value, wider.state_dict()[kv.Key]), $"{kv.Key} was changed by a refused import"));

        var vocabulary = Assert.Throws<CheckpointException>(() => ModelWeights.ImportSafetensors(TinyAcoustic.Model(), path, Vocabulary with { Symbols = [.. Vocabulary.Symbols.SkipLast(1), "z"] }, Mel));
        Assert.Contains("different vocabulary", vocabulary.Message);
        var mel = Assert.Throws<CheckpointException>(() => ModelWeights.ImportSafetensors(TinyAcoustic.Model(), path, Vocabulary, Mel with { HopLength = 200 }));
        Assert.Contains("different mel definition: hop_length 256 vs 200", mel.Message);
    }

    [Fact]
    public void The_definitions_are_checked_from_the_header_before_any_tensor_is_read_and_damaged_data_is_a_checkpoint_error()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acoustic.safetensors");
        using var source = TrainedModel(seed: 1);
        ModelWeights.ExportSafetensors(source, path, source.Description, Vocabulary, Mel);
        var cut = dir.File("cut.safetensors");
        File.WriteAllBytes(cut, File.ReadAllBytes(path)[..^100]);   // the header intact, the last tensor's data gone

        var vocabulary = Assert.Throws<CheckpointException>(() => ModelWeights.ImportSafetensors(TinyAcoustic.Model(), cut, Vocabulary with { Symbols = [.. Vocabulary.Symbols.SkipLast(1), "z"] }, Mel));
        var damaged = Assert.Throws<CheckpointException>(() => ModelWeights.ImportSafetensors(TinyAcoustic.Model(), cut, Vocabulary, Mel));

        Assert.Contains("different vocabulary", vocabulary.Message);
        Assert.Contains($"Weights '{cut}' cannot be read: 'cut.safetensors' is not a valid safetensors file: tensor", damaged.Message);
        Assert.IsType<MyXtts.Checkpoints.CheckpointFormatException>(damaged.InnerException);
    }

    /// <summary>A model whose mel statistics are set (as after training), so buffers are part of the comparison.</summary>
    private static MyXtts.Core.Models.XttsAcousticModel TrainedModel(long seed)
    {
        var model = TinyAcoustic.Model(seed);
        using var batch = new SyntheticBatches(4, 2).Collate([0, 1, 2]);
        model.InitializeFrom([batch.Batch]);
        return model;
    }
}
