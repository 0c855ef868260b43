using MyXtts.Core.Models;
using MyXtts.Core.Training.Checkpoints;

namespace MyXtts.Core.Inference;

/// <summary>What <see cref="CheckpointExport.ToSafetensors"/> wrote.</summary>
public sealed record ExportedWeights(string Path, string Model, long Step, int Tensors, long Parameters);

/// <summary>
/// The acoustic model of a training checkpoint as <c>.safetensors</c>: the model is rebuilt from the configuration the
/// checkpoint stores, its weights loaded strictly, and every parameter and buffer written under its state-dict key with
/// the vocabulary, mel definition and step in the metadata (<see cref="ModelWeights"/>), ready for
/// <c>myxtts train --init-weights</c> or Python's <c>safetensors</c>.
/// </summary>
public static class CheckpointExport
{
    public static ExportedWeights ToSafetensors(string checkpointPath, string outputPath)
    {
        if (!File.Exists(checkpointPath))
            throw new FileNotFoundException($"Checkpoint '{checkpointPath}' does not exist. Give a .ckpt from a training run's checkpoints/ folder.", checkpointPath);
        var checkpoint = TrainingCheckpoint.Read(checkpointPath);
        var manifest = checkpoint.Manifest;
        var settings = CheckpointSettings.Read(manifest);
        using var model = AcousticModels.Create(settings.Model, manifest.Tokenizer!.Symbols.Count);
        CheckpointCompatibility.Check(manifest, model.Module, model.Description, manifest.Tokenizer, manifest.Mel);
        checkpoint.RestoreModel(model.Module);
        ModelWeights.ExportSafetensors(model.Module, outputPath, model.Description, manifest.Tokenizer, manifest.Mel, manifest.Progress.Step);
        var state = model.Module.state_dict();
        return new ExportedWeights(Path.GetFullPath(outputPath), model.Description, manifest.Progress.Step, state.Count,
            model.Module.parameters().Sum(p => p.numel()));
    }
}
