using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Loading;

/// <summary>Shape look-ups on a state dict that name the file and the key when something is missing.</summary>
internal sealed class StateDictShapes(IReadOnlyDictionary<string, Tensor> stateDict, string source)
{
    public bool Has(string key) => stateDict.ContainsKey(key);

    public int Dim(string key, int index)
    {
        if (!stateDict.TryGetValue(key, out var tensor))
            throw new InvalidDataException($"'{Path.GetFileName(source)}' lacks '{key}', which a Coqui speaker encoder needs to size its layers.");
        return (int)tensor.shape[index];
    }

    /// <summary>How many consecutive indices i have <c>{prefix}{i}{suffix}</c>.</summary>
    public int Count(string prefix, string suffix)
    {
        int n = 0;
        while (stateDict.ContainsKey($"{prefix}{n}{suffix}")) n++;
        return n;
    }

    public bool LooksLikeResNet => Has("conv1.weight") && Has("layer1.0.conv1.weight");

    public bool LooksLikeLstm => Has("layers.0.lstm.weight_ih_l0") || Has("layers.lstm.weight_ih_l0");
}
