using System.IO.Compression;
using MyXtts.Checkpoints.Pickle;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Torch;

/// <summary>
/// PyTorch ≥ 1.6 <c>torch.save</c> files: a zip holding <c>&lt;dir&gt;/data.pkl</c> (the object pickle) and one entry
/// <c>&lt;dir&gt;/data/&lt;key&gt;</c> of raw little-endian bytes per storage. <c>&lt;dir&gt;</c> is the file stem for
/// torch 1.x and <c>archive</c> for newer versions, so it is taken from wherever data.pkl is.
/// </summary>
internal static class TorchZipReader
{
    public static Checkpoint Read(string path)
    {
        var tensors = new List<Tensor>();
        try
        {
            using var zip = OpenZip(path);
            var pickle = FindPickle(zip, path);
            string prefix = pickle.FullName[..^"data.pkl".Length];
            CheckByteOrder(zip, prefix, path);
            var environment = new TorchPickleEnvironment(path, (key, dtype, count) => LoadStorage(zip, prefix, key, dtype, count, path), tensors);
            using var pickleBytes = new MemoryStream();
            using (var stream = pickle.Open()) stream.CopyTo(pickleBytes);
            pickleBytes.Position = 0;
            var root = PickleReader.Read(pickleBytes, path, environment);
            return new Checkpoint(path, CheckpointFormat.TorchZip, root, tensors);
        }
        catch
        {
            foreach (var tensor in tensors) tensor.Dispose();
            throw;
        }
    }

    private static ZipArchive OpenZip(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointFormatException($"'{Path.GetFileName(path)}' starts like a zip but cannot be opened as one (truncated download?): {e.Message}", e);
        }
    }

    private static ZipArchiveEntry FindPickle(ZipArchive zip, string path)
    {
        var pickles = zip.Entries.Where(e => e.FullName == "data.pkl" || e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)).ToList();
        return pickles.Count == 1 ? pickles[0] : throw new CheckpointFormatException(
            $"'{Path.GetFileName(path)}' is a zip but not a torch.save archive: expected one '<dir>/data.pkl', found {pickles.Count} " +
            $"(entries: {string.Join(", ", zip.Entries.Take(5).Select(e => e.FullName))}{(zip.Entries.Count > 5 ? ", …" : "")}).");
    }

    private static void CheckByteOrder(ZipArchive zip, string prefix, string path)
    {
        var entry = zip.GetEntry(prefix + "byteorder");
        if (entry is null) return;   // written since torch 2.1; older files are little-endian
        using var reader = new StreamReader(entry.Open());
        string order = reader.ReadToEnd().Trim();
        if (order != "little")
            throw new CheckpointFormatException($"'{Path.GetFileName(path)}' stores tensors in '{order}'-endian byte order; only little-endian files are supported.");
    }

    private static TorchStorage LoadStorage(ZipArchive zip, string prefix, string key, ScalarType dtype, long count, string path)
    {
        var entry = zip.GetEntry($"{prefix}data/{key}") ?? throw new CheckpointFormatException(
            $"'{Path.GetFileName(path)}' references storage '{key}' but has no entry '{prefix}data/{key}'.");
        long expected = StorageBytes.ByteCount(dtype, count);
        if (entry.Length != expected)
            throw new CheckpointFormatException(
                $"'{Path.GetFileName(path)}': storage '{key}' should hold {count} {dtype} elements ({expected} bytes) but its entry has {entry.Length} bytes.");
        var data = StorageBytes.Allocate(dtype, count);
        try
        {
            using var stream = entry.Open();
            StorageBytes.Fill(data, stream, path, key);
            return new TorchStorage(key, data);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }
}
