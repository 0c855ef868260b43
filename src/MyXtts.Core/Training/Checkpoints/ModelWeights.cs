using System.Globalization;
using System.Text.Json;
using MyXtts.Abstractions.Audio;
using MyXtts.Checkpoints;
using MyXtts.Checkpoints.Modules;
using MyXtts.Checkpoints.Safetensors;
using MyXtts.Core.Text;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// Exports a model's weights to <c>.safetensors</c> (state-dict keys, so PyTorch tools can read them) and imports them back,
/// strictly. The metadata carries what a run needs to use them again: the model description, the vocabulary and the mel
/// definition (JSON), and the training step.
/// </summary>
public static class ModelWeights
{
    /// <summary>Metadata keys besides <c>model</c> and <c>format</c>.</summary>
    public const string TokenizerKey = "myxtts.tokenizer", MelKey = "myxtts.mel", StepKey = "myxtts.step";

    /// <summary>Writes every parameter and buffer of <paramref name="model"/>, with <paramref name="description"/> and what else is known in the metadata.</summary>
    public static void ExportSafetensors(nn.Module model, string path, string description, TokenizerDefinition? tokenizer = null, MelSettings? mel = null, long? step = null)
    {
        var metadata = new Dictionary<string, string> { ["model"] = description, ["format"] = "pt" };
        if (tokenizer is not null) metadata[TokenizerKey] = JsonSerializer.Serialize(tokenizer, TrainingCheckpoint.Json);
        if (mel is not null) metadata[MelKey] = JsonSerializer.Serialize(mel, TrainingCheckpoint.Json);
        if (step is { } s) metadata[StepKey] = s.ToString(CultureInfo.InvariantCulture);
        SafetensorsFile.Write(path, model.state_dict(), metadata, SafetensorsOrder.ByName);
    }

    /// <summary>The vocabulary stored with exported weights, or null when the file has none (e.g. written by other tools).</summary>
    public static TokenizerDefinition? ReadTokenizer(string path) => Readable(path, () => Tokenizer(SafetensorsFile.ReadMetadata(path)));

    /// <summary>
    /// Copies the tensors of <paramref name="path"/> into <paramref name="model"/>. The file's vocabulary and mel definition
    /// (when stored) must equal <paramref name="tokenizer"/> and <paramref name="mel"/>, and every key must be present with
    /// the same shape; otherwise nothing is changed and the error names the difference (each key with both shapes).
    /// </summary>
    public static void ImportSafetensors(nn.Module model, string path, TokenizerDefinition? tokenizer = null, MelSettings? mel = null)
    {
        // One header read: the definitions are checked from it before any tensor data is read.
        using var file = Readable(path, () => SafetensorsFile.Open(path));
        CheckDefinitions(path, file.Metadata, tokenizer, mel);
        using var checkpoint = Readable(path, file.ReadTensors);
        var loaded = Readable(path, () => checkpoint.StateDict());   // an empty file holds no state dict
        try
        {
            StateDictLoader.LoadStrict(model, loaded, path);
        }
        catch (StateDictMismatchException e)
        {
            throw new CheckpointException($"Weights '{path}' do not fit this model: {e.Message} " +
                                          "Train with the model.* keys (or --model-size) the weights were made with.", e);
        }
    }

    /// <summary>A damaged file as a <see cref="CheckpointException"/>, the error the commands report in one line.</summary>
    private static T Readable<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (MyXtts.Checkpoints.CheckpointFormatException e)
        {
            throw new CheckpointException($"Weights '{path}' cannot be read: {e.Message} Give a .safetensors file written by `myxtts export` or `train --export-safetensors`.", e);
        }
    }

    private static TokenizerDefinition? Tokenizer(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(TokenizerKey, out var json) ? JsonSerializer.Deserialize<TokenizerDefinition>(json, TrainingCheckpoint.Json) : null;

    private static void CheckDefinitions(string path, IReadOnlyDictionary<string, string> metadata, TokenizerDefinition? tokenizer, MelSettings? mel)
    {
        if (mel is not null && metadata.TryGetValue(MelKey, out var melJson)
            && JsonSerializer.Deserialize<MelSettings>(melJson, TrainingCheckpoint.Json)?.DescribeMismatch(mel) is { } melDiff)
            throw new CheckpointException($"Weights '{path}' were trained with a different mel definition: {melDiff} (file vs this run). " +
                                          "Set the model.* mel keys to the file's values, or train a new model.");
        if (tokenizer is not null && Tokenizer(metadata)?.DescribeMismatch(tokenizer) is { } vocabDiff)
            throw new CheckpointException($"Weights '{path}' were trained with a different vocabulary: {vocabDiff} (file vs this run). " +
                                          "Use the file's tokenizer settings (data.text_cleaners, data.add_blank, phonemes or characters).");
    }

}
