namespace MyXtts.Checkpoints.Pickle;

/// <summary>
/// A Python global (module.name) that an <see cref="IPickleEnvironment"/> allows a pickle to reference: either a
/// constructor of plain data (OrderedDict, set, a tensor rebuild function) that REDUCE may call, or a marker value
/// (a storage type such as <c>torch.FloatStorage</c>) that is only passed around.
/// </summary>
public sealed class PickleGlobal(string name, Func<PickleTuple, object?>? construct = null, object? tag = null)
{
    private readonly Func<PickleTuple, object?>? _construct = construct;

    /// <summary>The dotted name, e.g. <c>collections.OrderedDict</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The marker a non-callable global carries (e.g. the dtype of a storage type).</summary>
    public object? Tag { get; } = tag;

    /// <summary>Builds the data this global stands for from <paramref name="args"/>; refuses when it is a marker only.</summary>
    public object? Construct(PickleTuple args, string file) =>
        _construct is null
            ? throw new CheckpointFormatException($"'{Path.GetFileName(file)}': the pickle calls '{Name}', which is a type marker, not a constructor; the file is not a PyTorch checkpoint this reader understands.")
            : _construct(args);

    /// <inheritdoc />
    public override string ToString() => Name;
}
