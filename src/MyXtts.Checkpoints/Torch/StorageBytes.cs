using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Torch;

/// <summary>Creates storage tensors and fills them from raw little-endian bytes.</summary>
internal static class StorageBytes
{
    /// <summary>An uninitialised 1-D CPU tensor of <paramref name="count"/> elements, outside any dispose scope (the checkpoint owns it).</summary>
    public static Tensor Allocate(ScalarType dtype, long count) => empty(count, dtype).DetachFromDisposeScope();

    /// <summary>Bytes a storage of <paramref name="count"/> <paramref name="dtype"/> elements occupies.</summary>
    public static long ByteCount(ScalarType dtype, long count) => checked(count * TorchStorageTypes.ElementSize(dtype));

    /// <summary>Reads exactly the storage's bytes from <paramref name="source"/> into it.</summary>
    public static void Fill(Tensor storage, Stream source, string file, string key)
    {
        long bytes = ByteCount(storage.dtype, storage.shape[0]);
        if (bytes == 0) return;
        if (bytes > int.MaxValue)
            throw new CheckpointFormatException($"'{Path.GetFileName(file)}': storage '{key}' is {bytes} bytes; storages over 2 GiB are not supported.");
        var buffer = new byte[bytes];
        try
        {
            source.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new CheckpointFormatException($"'{Path.GetFileName(file)}': storage '{key}' is truncated (expected {bytes} bytes).", e);
        }
        storage.bytes = buffer;
    }
}
