using MyXtts.Checkpoints.Pickle;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints;

/// <summary>
/// A checkpoint read into memory: the unpickled object tree (<see cref="Root"/>: dicts, lists, tuples, scalars and CPU
/// tensors) and the tensors it owns. Dispose it once its tensors have been copied where they are needed.
/// </summary>
public sealed class Checkpoint : IDisposable
{
    private readonly IReadOnlyList<Tensor> _owned;

    internal Checkpoint(string path, CheckpointFormat format, object? root, IReadOnlyList<Tensor> owned,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        Path = path;
        Format = format;
        Root = root;
        _owned = owned;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The layout detected.</summary>
    public CheckpointFormat Format { get; }

    /// <summary>
    /// What the file holds: for PyTorch files the unpickled object (a <see cref="PickleDict"/> for state dicts and wrapper
    /// dicts such as <c>{"generator": sd}</c>); for safetensors a <see cref="PickleDict"/> of name → tensor.
    /// </summary>
    public object? Root { get; }

    /// <summary>The safetensors <c>__metadata__</c> strings; empty for PyTorch files.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// The state dict (name → tensor): the top level when it is one, else the first of <paramref name="wrapperKeys"/>
    /// (e.g. <c>"model_state"</c>, <c>"model"</c>, <c>"generator"</c>) whose value is one. Tensors stay owned by this checkpoint.
    /// </summary>
    /// <exception cref="CheckpointFormatException">No state dict is found; the message lists the top-level keys.</exception>
    public IReadOnlyDictionary<string, Tensor> StateDict(params string[] wrapperKeys) => StateDictLocator.Find(this, wrapperKeys);

    /// <summary>Disposes every tensor read from the file.</summary>
    public void Dispose()
    {
        foreach (var tensor in _owned) tensor.Dispose();
    }
}
