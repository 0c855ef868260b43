using System.Text;
using MyXtts.Checkpoints.Pickle;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Torch;

/// <summary>
/// The globals a PyTorch checkpoint may reference — tensor rebuild functions, storage types, OrderedDict, set,
/// <c>_codecs.encode</c> (protocol-2 bytes), <c>torch.device</c> — and the storage persistent ids. Everything else is
/// refused with <see cref="CheckpointSecurityException"/>.
/// </summary>
/// <param name="file">The checkpoint, for messages.</param>
/// <param name="storages">Gives the storage for (key, dtype, element count); the format decides where its bytes come from.</param>
/// <param name="tensors">Collects every tensor made, so the checkpoint can dispose them.</param>
internal sealed class TorchPickleEnvironment(string file, Func<string, ScalarType, long, TorchStorage> storages, List<Tensor> tensors)
    : IPickleEnvironment
{
    private readonly Dictionary<string, TorchStorage> _loaded = [];

    public PickleGlobal ResolveGlobal(string module, string name)
    {
        string qualified = $"{module}.{name}";
        if (module == "torch" && TorchStorageTypes.ByName.TryGetValue(name, out var dtype)) return new PickleGlobal(qualified, tag: dtype);
        return qualified switch
        {
            "collections.OrderedDict" => new PickleGlobal(qualified, NewDict),
            "builtins.set" or "builtins.frozenset" or "__builtin__.set" or "__builtin__.frozenset" => new PickleGlobal(qualified, NewSet),
            "_codecs.encode" => new PickleGlobal(qualified, EncodeBytes),
            "torch.device" => new PickleGlobal(qualified, NewDevice),
            "torch._utils._rebuild_tensor" or "torch._utils._rebuild_tensor_v2" => new PickleGlobal(qualified, RebuildTensor),
            "torch._utils._rebuild_parameter" or "torch._utils._rebuild_parameter_with_state" => new PickleGlobal(qualified, RebuildParameter),
            _ => throw CheckpointSecurityException.ForGlobal(file, qualified),
        };
    }

    public object? PersistentLoad(object? persistentId)
    {
        // ('storage', storage_type, key, location, numel) — the legacy format adds view_metadata (None for whole storages).
        if (persistentId is not PickleTuple { Count: >= 5 } id || id[0] is not "storage")
            throw Format($"persistent id {PickleText.Describe(persistentId)} is not a storage reference");
        if (id[1] is not PickleGlobal { Tag: ScalarType dtype } type)
            throw Format($"storage type {PickleText.Describe(id[1])} is not one of torch.{string.Join("/", TorchStorageTypes.ByName.Keys)}");
        string key = id[2] as string ?? throw Format($"storage key {PickleText.Describe(id[2])} is not a str");
        long count = id[4] is long n && n >= 0 ? n : throw Format($"storage size {PickleText.Describe(id[4])} is not a count");
        if (id.Count > 5 && id[5] is not null) throw Format("storage views (legacy view_metadata) are not supported");
        if (_loaded.TryGetValue(key, out var known))
        {
            if (known.Data.dtype != dtype || known.Count != count) throw Format($"storage '{key}' is referenced as {type.Name}[{count}] and as {known.Data.dtype}[{known.Count}]");
            return known;
        }
        var storage = storages(key, dtype, count);
        tensors.Add(storage.Data);
        return _loaded[key] = storage;
    }

    /// <summary>The storages referenced so far, by key.</summary>
    public IReadOnlyDictionary<string, TorchStorage> Storages => _loaded;

    private static object NewDict(PickleTuple args)
    {
        var dict = new PickleDict();
        if (args.Count > 0 && args[0] is IEnumerable<object?> pairs)
            foreach (var pair in pairs)
                if (pair is IReadOnlyList<object?> { Count: 2 } kv && kv[0] is { } key) dict.Set(key, kv[1]);
        return dict;
    }

    private static object NewSet(PickleTuple args) =>
        new HashSet<object?>(args.Count > 0 && args[0] is IEnumerable<object?> items ? items : []);

    private object EncodeBytes(PickleTuple args) =>
        args is [string text, "latin1" or "latin-1"] ? Encoding.Latin1.GetBytes(text)
            : throw Format($"_codecs.encode{args} is not the latin1 bytes encoding pickles use");

    private object NewDevice(PickleTuple args) => args switch
    {
        [string type] => type,
        [string type, long index] => $"{type}:{index}",
        _ => throw Format($"torch.device{args}"),
    };

    private object RebuildParameter(PickleTuple args) =>
        args.Count >= 1 && args[0] is Tensor data ? data : throw Format($"_rebuild_parameter without a tensor: {args}");

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private object RebuildTensor(PickleTuple args)
    {
        if (args.Count < 4 || args[0] is not TorchStorage storage || args[1] is not long offset)
            throw Format($"tensor rebuild arguments {args} do not start with (storage, offset, size, stride)");
        long[] size = Dimensions(args[2], "size");
        long[] stride = Dimensions(args[3], "stride");
        if (size.Length != stride.Length) throw Format($"tensor size {args[2]} and stride {args[3]} differ in rank");
        CheckInsideStorage(storage, offset, size, stride);
        var tensor = size.Contains(0)
            ? empty(size, storage.Data.dtype)
            : storage.Data.as_strided(size, stride, offset);
        tensors.Add(tensor.DetachFromDisposeScope());
        return tensor;
    }

    // as_strided does not check bounds: a hostile size/stride could otherwise read memory outside the storage.
    private void CheckInsideStorage(TorchStorage storage, long offset, long[] size, long[] stride)
    {
        if (offset < 0 || size.Any(s => s < 0) || stride.Any(s => s < 0)) throw Format("negative tensor offset, size or stride");
        if (size.Contains(0)) return;
        long last = offset;
        for (int i = 0; i < size.Length; i++) last = checked(last + (size[i] - 1) * stride[i]);
        if (last >= storage.Count)
            throw Format($"a tensor of size [{string.Join(", ", size)}] at offset {offset} reaches element {last} of storage '{storage.Key}', which holds {storage.Count}");
    }

    private long[] Dimensions(object? value, string what) =>
        value is PickleTuple t && t.All(d => d is long)
            ? t.Select(d => (long)d!).ToArray()
            : throw Format($"tensor {what} {PickleText.Describe(value)} is not a tuple of ints");

    private CheckpointFormatException Format(string problem) =>
        new($"'{Path.GetFileName(file)}' is not a PyTorch checkpoint this reader understands: {problem}.");
}
