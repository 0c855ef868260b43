using MyXtts.Abstractions.Audio;
using MyXtts.Core.Text;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// Refuses a checkpoint made for another model size, vocabulary or mel definition, naming the first difference and the
/// fix, before any tensor is loaded (a silent partial load is the failure this prevents).
/// </summary>
public static class CheckpointCompatibility
{
    /// <summary>Shapes of every parameter and buffer by state-dict key.</summary>
    public static IReadOnlyDictionary<string, long[]> Shapes(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape, StringComparer.Ordinal);

    /// <summary>Throws <see cref="CheckpointException"/> when the checkpoint cannot continue this run.</summary>
    public static void Check(CheckpointManifest checkpoint, nn.Module model, string modelDescription, TokenizerDefinition? tokenizer, MelSettings? mel)
    {
        var where = $"Checkpoint '{checkpoint.Path}'";
        if (mel is not null && checkpoint.Mel is not null && checkpoint.Mel.DescribeMismatch(mel) is { } melDiff)
            throw new CheckpointException($"{where} was trained with a different mel definition: {melDiff} (checkpoint vs this run). " +
                                          "Set the model.* mel keys (n_mels, n_fft, hop_length, win_length, sample_rate, mel_fmin, mel_fmax) to the checkpoint's values, or train a new model.");
        if (tokenizer is not null && checkpoint.Tokenizer is not null && checkpoint.Tokenizer.DescribeMismatch(tokenizer) is { } vocabDiff)
            throw new CheckpointException($"{where} was trained with a different vocabulary: {vocabDiff} (checkpoint vs this run). " +
                                          "Use the checkpoint's tokenizer settings (data.text_cleaners, data.add_blank, phonemes or characters), or train a new model.");
        var current = Shapes(model);
        var missing = current.Keys.Except(checkpoint.Shapes.Keys).ToArray();
        var unexpected = checkpoint.Shapes.Keys.Except(current.Keys).ToArray();
        var resized = current.Keys.Intersect(checkpoint.Shapes.Keys).FirstOrDefault(k => !current[k].SequenceEqual(checkpoint.Shapes[k]));
        if (missing.Length == 0 && unexpected.Length == 0 && resized is null) return;
        var detail = resized is not null
            ? $"parameter '{resized}' is [{string.Join(", ", checkpoint.Shapes[resized])}] in the checkpoint and [{string.Join(", ", current[resized])}] in this model"
            : $"missing keys: {List(missing)}; unexpected keys: {List(unexpected)}";
        var prosodyOnly = resized is null && unexpected.Length == 0 && missing.All(k => k.StartsWith("variance_adaptor.", StringComparison.Ordinal));
        throw new CheckpointException($"{where} is for a different model size or architecture: {detail}. " +
                                      $"Checkpoint model: {checkpoint.Model}; this run: {modelDescription}. " +
                                      (prosodyOnly ? "The checkpoint has no pitch/energy predictors: set model.use_pitch_predictor=false and model.use_energy_predictor=false to use it."
                                                   : "Use the checkpoint's --model-size / model.* keys, or train a new model."));
    }

    private static string List(IReadOnlyCollection<string> keys) =>
        keys.Count == 0 ? "none" : string.Join(", ", keys.Take(5)) + (keys.Count > 5 ? $" (+{keys.Count - 5} more)" : "");
}
