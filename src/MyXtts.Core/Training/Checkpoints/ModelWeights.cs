using System.Globalization;
using System.Text.Json;
using MyXtts.Abstractions.Audio;
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
        SafetensorsFile.Write(path, model.state_dict(), metadata);
    }

    /// <summary>The vocabulary stored with exported weights, or null when the file has none (e.g. written by other tools).</summary>
    public static TokenizerDefinition? ReadTokenizer(string path) =>
        SafetensorsFile.ReadMetadata(path).TryGetValue(TokenizerKey, out var json) ? JsonSerializer.Deserialize<TokenizerDefinition>(json, TrainingCheckpoint.Json) : null;

    /// <summary>
    /// Copies the tensors of <paramref name="path"/> into <paramref name="model"/>. The file's vocabulary and mel definition
    /// (when stored) must equal <paramref name="tokenizer"/> and <paramref name="mel"/>, and every key must be present with
    /// the same shape; otherwise nothing is changed and the error names the difference (each key with both shapes).
    /// </summary>
    public static void ImportSafetensors(nn.Module model, string path, TokenizerDefinition? tokenizer = null, MelSettings? mel = null)
    {
        CheckDefinitions(path, tokenizer, mel);
        var loaded = SafetensorsFile.Read(path);
        try
        {
            var state = model.state_dict();
            var missing = state.Keys.Except(loaded.Keys).ToArray();
            var unexpected = loaded.Keys.Except(state.Keys).ToArray();
            var resized = state.Keys.Intersect(loaded.Keys).Where(k => !state[k].shape.SequenceEqual(loaded[k].shape))
                .Select(k => $"{k} ({Shape(loaded[k])} in the file, {Shape(state[k])} in this model)").ToArray();
            if (missing.Length + unexpected.Length + resized.Length > 0)
                throw new CheckpointException($"Weights '{path}' do not fit this model: missing {List(missing)}; unexpected {List(unexpected)}; different shape {List(resized)}. " +
                                              "Train with the model.* keys (or --model-size) the weights were made with.");
            using var _ = no_grad();
            foreach (var (name, target) in state) target.copy_(loaded[name]);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    private static void CheckDefinitions(string path, TokenizerDefinition? tokenizer, MelSettings? mel)
    {
        var metadata = SafetensorsFile.ReadMetadata(path);
        if (mel is not null && metadata.TryGetValue(MelKey, out var melJson)
            && JsonSerializer.Deserialize<MelSettings>(melJson, TrainingCheckpoint.Json)?.DescribeMismatch(mel) is { } melDiff)
            throw new CheckpointException($"Weights '{path}' were trained with a different mel definition: {melDiff} (file vs this run). " +
                                          "Set the model.* mel keys to the file's values, or train a new model.");
        if (tokenizer is not null && metadata.TryGetValue(TokenizerKey, out var tokenizerJson)
            && JsonSerializer.Deserialize<TokenizerDefinition>(tokenizerJson, TrainingCheckpoint.Json)?.DescribeMismatch(tokenizer) is { } vocabDiff)
            throw new CheckpointException($"Weights '{path}' were trained with a different vocabulary: {vocabDiff} (file vs this run). " +
                                          "Use the file's tokenizer settings (data.text_cleaners, data.add_blank, phonemes or characters).");
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";

    private static string List(IReadOnlyCollection<string> keys) => keys.Count == 0 ? "none" : string.Join(", ", keys.Take(8)) + (keys.Count > 8 ? $" (+{keys.Count - 8} more)" : "");
}
