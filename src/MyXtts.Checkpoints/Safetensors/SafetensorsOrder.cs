namespace MyXtts.Checkpoints.Safetensors;

/// <summary>The order in which <see cref="SafetensorsFile.Write(string, IEnumerable{KeyValuePair{string, TorchSharp.torch.Tensor}}, IReadOnlyDictionary{string, string}?, SafetensorsOrder)"/> lays tensors out (header entries and data alike).</summary>
public enum SafetensorsOrder
{
    /// <summary>As the caller enumerates them (a module's <c>state_dict()</c> order, like PyTorch's).</summary>
    AsGiven,

    /// <summary>Names sorted ordinally: the same file whatever order the tensors were collected in.</summary>
    ByName,
}
