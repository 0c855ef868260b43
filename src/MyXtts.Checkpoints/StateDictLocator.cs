using MyXtts.Checkpoints.Pickle;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints;

/// <summary>Finds the name → tensor dict inside a checkpoint's object tree.</summary>
internal static class StateDictLocator
{
    public static IReadOnlyDictionary<string, Tensor> Find(Checkpoint checkpoint, string[] wrapperKeys)
    {
        string file = System.IO.Path.GetFileName(checkpoint.Path);
        if (checkpoint.Root is not PickleDict root)
            throw new CheckpointFormatException($"'{file}' holds {PickleText.Describe(checkpoint.Root)}, not a state dict (a dict of name → tensor).");
        if (LooksLikeStateDict(root)) return ToStateDict(root, file, "the top level");
        foreach (var key in wrapperKeys)
            if (root.TryGetValue(key, out var inner) && inner is PickleDict dict && LooksLikeStateDict(dict))
                return ToStateDict(dict, file, $"'{key}'");
        string keys = string.Join(", ", root.Keys.Select(k => $"{PickleText.Describe(k)}: {PickleText.TypeName(root[k])}"));
        string looked = wrapperKeys.Length == 0 ? "at the top level" : $"at the top level or under {string.Join(" / ", wrapperKeys.Select(k => $"'{k}'"))}";
        throw new CheckpointFormatException(
            $"'{file}' holds no state dict {looked}. Its top-level entries are: {keys}. " +
            "Pass the key that holds the weights, or re-save the weights alone with torch.save(model.state_dict(), path).");
    }

    private static bool LooksLikeStateDict(PickleDict dict) => dict.Count > 0 && dict.Keys.All(k => k is string) && dict.Values.Any(v => v is Tensor);

    private static Dictionary<string, Tensor> ToStateDict(PickleDict dict, string file, string where)
    {
        var result = new Dictionary<string, Tensor>(dict.Count);
        foreach (var (key, value) in dict)
            result[(string)key] = value as Tensor ?? throw new CheckpointFormatException(
                $"'{file}': the state dict at {where} holds {PickleText.Describe(value)} under '{key}' where a tensor belongs.");
        return result;
    }
}
