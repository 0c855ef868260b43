using static TorchSharp.torch;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>Exports a model's weights to <c>.safetensors</c> (state-dict keys, so PyTorch tools can read them) and imports them back, strictly.</summary>
public static class ModelWeights
{
    /// <summary>Writes every parameter and buffer of <paramref name="model"/>, with <paramref name="description"/> in the metadata.</summary>
    public static void ExportSafetensors(nn.Module model, string path, string description) =>
        SafetensorsFile.Write(path, model.state_dict(), new Dictionary<string, string> { ["model"] = description, ["format"] = "pt" });

    /// <summary>
    /// Copies the tensors of <paramref name="path"/> into <paramref name="model"/>. Every key must be present with the
    /// same shape; otherwise nothing is changed and the error lists the missing, unexpected and resized keys.
    /// </summary>
    public static void ImportSafetensors(nn.Module model, string path)
    {
        var loaded = SafetensorsFile.Read(path);
        try
        {
            var state = model.state_dict();
            var missing = state.Keys.Except(loaded.Keys).ToArray();
            var unexpected = loaded.Keys.Except(state.Keys).ToArray();
            var resized = state.Keys.Intersect(loaded.Keys).Where(k => !state[k].shape.SequenceEqual(loaded[k].shape)).ToArray();
            if (missing.Length + unexpected.Length + resized.Length > 0)
                throw new CheckpointException($"Weights '{path}' do not fit this model: missing {List(missing)}; unexpected {List(unexpected)}; different shape {List(resized)}.");
            using var _ = no_grad();
            foreach (var (name, target) in state) target.copy_(loaded[name]);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    private static string List(IReadOnlyCollection<string> keys) => keys.Count == 0 ? "none" : string.Join(", ", keys.Take(8)) + (keys.Count > 8 ? ", ..." : "");
}
