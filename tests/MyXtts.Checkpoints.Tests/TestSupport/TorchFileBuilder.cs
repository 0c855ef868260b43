using System.Buffers.Binary;
using System.IO.Compression;

namespace MyXtts.Checkpoints.Tests.TestSupport;

/// <summary>One tensor of a hand-built state dict: a view (offset, size, stride) into a named storage.</summary>
public sealed record TensorSpec(string Name, string StorageKey, long Offset, long[] Size, long[] Stride);

/// <summary>One storage: its torch class name (FloatStorage…), element count and raw little-endian bytes.</summary>
public sealed record StorageSpec(string Key, string TypeName, long Count, byte[] Bytes)
{
    /// <summary>A FloatStorage holding <paramref name="values"/>.</summary>
    public static StorageSpec Floats(string key, params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return new StorageSpec(key, "FloatStorage", values.Length, bytes);
    }
}

/// <summary>
/// Writes torch.save-shaped files (zip and legacy) for hand-made state dicts, the way torch 1.13 lays them out,
/// optionally wrapped in <c>{wrapperKey: state_dict}</c> and with any extra pickle spliced in as a value.
/// </summary>
public static class TorchFileBuilder
{
    /// <summary>The state dict pickle: OrderedDict of name → _rebuild_tensor_v2(...).</summary>
    public static byte[] StateDictPickle(IReadOnlyList<StorageSpec> storages, IReadOnlyList<TensorSpec> tensors, bool legacy, string? wrapperKey = null)
    {
        var p = new PickleBuilder().Proto();
        if (wrapperKey is not null) p.EmptyDict().Str(wrapperKey);
        p.Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark();
        foreach (var t in tensors)
        {
            var storage = storages.Single(s => s.Key == t.StorageKey);
            p.Str(t.Name).Global("torch._utils", "_rebuild_tensor_v2").Mark();
            p.Mark().Str("storage").Global("torch", storage.TypeName).Str(storage.Key).Str("cpu").Int(storage.Count);
            if (legacy) p.None();
            p.Tuple().BinPersId();
            p.Int(t.Offset).IntTuple(t.Size).IntTuple(t.Stride).Bool(false).Global("collections", "OrderedDict").EmptyTuple().Reduce();
            p.Tuple().Reduce();
        }
        p.SetItems();
        if (wrapperKey is not null) p.SetItem();
        return p.Stop().Build();
    }

    /// <summary>A zip-format file: <c>archive/data.pkl</c>, <c>archive/data/&lt;key&gt;</c>, <c>archive/version</c>.</summary>
    public static byte[] Zip(byte[] pickle, IReadOnlyList<StorageSpec> storages, string folder = "archive")
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, $"{folder}/data.pkl", pickle);
            foreach (var s in storages) Add(zip, $"{folder}/data/{s.Key}", s.Bytes);
            Add(zip, $"{folder}/version", "3\n"u8.ToArray());
        }
        return buffer.ToArray();
    }

    /// <summary>A legacy-format file: magic, protocol 1001, sys info, the pickle, the key list, then count + bytes per storage.</summary>
    public static byte[] Legacy(byte[] pickle, IReadOnlyList<StorageSpec> storages)
    {
        var file = new MemoryStream();
        // 0x1950a86a20f9469cfc6c as LONG1, little-endian
        file.Write(new PickleBuilder().Proto().Raw(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).Stop().Build());
        file.Write(new PickleBuilder().Proto().Int(1001).Stop().Build());
        file.Write(new PickleBuilder().Proto().EmptyDict().Mark().Str("protocol_version").Int(1001).Str("little_endian").Bool(true)
            .Str("type_sizes").EmptyDict().Mark().Str("short").Int(2).Str("int").Int(4).Str("long").Int(4).SetItems().SetItems().Stop().Build());
        file.Write(pickle);
        var keys = new PickleBuilder().Proto().Raw((byte)']').Mark();
        foreach (var s in storages) keys.Str(s.Key);
        file.Write(keys.Raw((byte)'e').Stop().Build());
        foreach (var s in storages)
        {
            var count = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(count, s.Count);
            file.Write(count);
            file.Write(s.Bytes);
        }
        return file.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        stream.Write(bytes);
    }
}
