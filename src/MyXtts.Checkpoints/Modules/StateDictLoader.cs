using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Modules;

/// <summary>Copies a state dict into a TorchSharp module strictly: every key must match in name and shape.</summary>
public static class StateDictLoader
{
    private const int ListedPerKind = 25;

    /// <summary>
    /// Copies <paramref name="stateDict"/> into <paramref name="module"/>'s parameters and buffers (converting dtype and
    /// device as needed). Nothing is copied unless all keys match.
    /// </summary>
    /// <param name="module">The module (its <c>state_dict()</c> names are the PyTorch names).</param>
    /// <param name="stateDict">Name → tensor, e.g. <see cref="Checkpoint.StateDict"/>.</param>
    /// <param name="source">The file the state dict came from, named in errors.</param>
    /// <param name="options">Key prefix to select and strip, keys to ignore; null for none.</param>
    /// <exception cref="StateDictMismatchException">Missing or unexpected keys or different shapes, all listed.</exception>
    public static void LoadStrict(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, string source, WeightLoadOptions? options = null)
    {
        options ??= new WeightLoadOptions();
        var incoming = SelectKeys(stateDict, source, options);
        var target = module.state_dict();
        var missing = target.Keys.Where(k => !incoming.ContainsKey(k)).ToList();
        var unexpected = incoming.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var shapes = target.Keys.Where(incoming.ContainsKey)
            .Where(k => !target[k].shape.SequenceEqual(incoming[k].shape))
            .Select(k => $"{k}: file [{string.Join(", ", incoming[k].shape)}] vs module [{string.Join(", ", target[k].shape)}]")
            .ToList();
        if (missing.Count + unexpected.Count + shapes.Count > 0)
            throw new StateDictMismatchException(Describe(module, source, options, missing, unexpected, shapes), missing, unexpected, shapes);
        using var noGrad = no_grad();
        foreach (var (key, tensor) in target) tensor.copy_(incoming[key]);
    }

    private static Dictionary<string, Tensor> SelectKeys(IReadOnlyDictionary<string, Tensor> stateDict, string source, WeightLoadOptions options)
    {
        var kept = stateDict.Where(p => !options.IgnoredKeys.Contains(p.Key));
        if (options.KeyPrefix is not { Length: > 0 } prefix) return kept.ToDictionary(p => p.Key, p => p.Value);
        var selected = kept.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);
        if (selected.Count == 0)
            throw new StateDictMismatchException(
                $"'{Path.GetFileName(source)}' has no key starting with '{prefix}' (first keys: {string.Join(", ", stateDict.Keys.Take(5))}). " +
                "Set the key prefix to the one the file uses, or leave it empty for a file that holds this module alone.",
                [], [], []);
        return selected;
    }

    private static string Describe(nn.Module module, string source, WeightLoadOptions options, List<string> missing, List<string> unexpected, List<string> shapes)
    {
        var text = new System.Text.StringBuilder(
            $"'{Path.GetFileName(source)}' does not fit {module.GetName()} ({module.GetType().Name})" +
            (options.KeyPrefix is { Length: > 0 } p ? $" under key prefix '{p}'" : "") + ":");
        Append(text, "missing from the file", missing);
        Append(text, "unexpected in the file", unexpected);
        Append(text, "shape mismatches", shapes);
        text.Append("\nCheck that the file holds weights for this model and configuration (channel sizes are read from the file where the model allows).");
        return text.ToString();
    }

    private static void Append(System.Text.StringBuilder text, string title, List<string> keys)
    {
        if (keys.Count == 0) return;
        text.Append($"\n  {keys.Count} {title}: {string.Join(", ", keys.Take(ListedPerKind))}");
        if (keys.Count > ListedPerKind) text.Append($", … and {keys.Count - ListedPerKind} more");
    }
}
