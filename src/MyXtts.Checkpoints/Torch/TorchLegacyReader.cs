using System.Buffers.Binary;
using System.Numerics;
using MyXtts.Checkpoints.Pickle;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Torch;

/// <summary>
/// The pre-1.6 <c>torch.save</c> layout (still written with <c>_use_new_zipfile_serialization=False</c>): five pickles
/// in a row — magic number, protocol version 1001, sys info, the object, the list of storage keys — then, for each key
/// in that list, an int64 element count and the storage's raw bytes. Storages are allocated while the object is
/// unpickled (tensors view them) and filled afterwards, as PyTorch does.
/// </summary>
internal static class TorchLegacyReader
{
    private static readonly BigInteger MagicNumber = BigInteger.Parse("1950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);
    private const long ProtocolVersion = 1001;

    public static Checkpoint Read(string path)
    {
        var tensors = new List<Tensor>();
        try
        {
            using var stream = File.OpenRead(path);
            ReadHeader(stream, path);
            var environment = new TorchPickleEnvironment(path, (key, dtype, count) => new TorchStorage(key, StorageBytes.Allocate(dtype, count)), tensors);
            var root = PickleReader.Read(stream, path, environment);
            var keys = PickleReader.Read(stream, path, new PlainDataEnvironment(path)) as List<object?>
                ?? throw Format(path, "the storage key list after the object is not a list");
            foreach (var key in keys) FillStorage(stream, path, environment, key);
            return new Checkpoint(path, CheckpointFormat.TorchLegacy, root, tensors);
        }
        catch
        {
            foreach (var tensor in tensors) tensor.Dispose();
            throw;
        }
    }

    private static void ReadHeader(Stream stream, string path)
    {
        var plain = new PlainDataEnvironment(path);
        var magic = PickleReader.Read(stream, path, plain);
        if (!(magic is BigInteger big && big == MagicNumber))
            throw Format(path, "it starts with a pickle but not with torch.save's magic number (is it a plain pickle rather than a torch checkpoint?)");
        var protocol = PickleReader.Read(stream, path, plain);
        if (protocol is not ProtocolVersion) throw Format(path, $"protocol version {PickleText.Describe(protocol)}, expected {ProtocolVersion}");
        var sysInfo = PickleReader.Read(stream, path, plain) as PickleDict;
        if (sysInfo is not null && sysInfo.TryGetValue("little_endian", out var little) && little is false)
            throw Format(path, "it was saved on a big-endian machine; only little-endian files are supported");
    }

    private static void FillStorage(Stream stream, string path, TorchPickleEnvironment environment, object? key)
    {
        if (key is not string name || !environment.Storages.TryGetValue(name, out var storage))
            throw Format(path, $"storage key {PickleText.Describe(key)} is listed but not referenced by any tensor");
        Span<byte> countBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(countBytes, 8, throwOnEndOfStream: false) < 8) throw Format(path, $"storage '{name}' is missing (file truncated)");
        long count = BinaryPrimitives.ReadInt64LittleEndian(countBytes);
        if (count != storage.Count) throw Format(path, $"storage '{name}' holds {count} elements but its tensors expect {storage.Count}");
        StorageBytes.Fill(storage.Data, stream, path, name);
    }

    private static CheckpointFormatException Format(string path, string problem) =>
        new($"'{Path.GetFileName(path)}' is not a readable legacy torch.save file: {problem}.");
}
