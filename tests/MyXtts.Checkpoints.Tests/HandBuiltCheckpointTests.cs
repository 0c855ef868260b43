using MyXtts.Checkpoints.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Tests;

/// <summary>torch.save layouts built byte by byte: folder names, wrappers, legacy framing, and damaged files.</summary>
public sealed class HandBuiltCheckpointTests
{
    private static readonly StorageSpec[] Storages = [StorageSpec.Floats("0", 1, 2, 3, 4, 5, 6), StorageSpec.Floats("7", 9)];

    private static readonly TensorSpec[] Tensors =
    [
        new("layer.weight", "0", 0, [2, 3], [3, 1]),
        new("layer.weight_t", "0", 0, [3, 2], [1, 3]),
        new("tail", "0", 4, [2], [1]),
        new("bias", "7", 0, [1], [1]),
    ];

    [Theory]
    [InlineData("archive")]
    [InlineData("my_model")]
    public void A_zip_checkpoint_reads_whatever_its_folder_is_called(string folder)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("w.pth", TorchFileBuilder.Zip(TorchFileBuilder.StateDictPickle(Storages, Tensors, legacy: false), Storages, folder));

        using var checkpoint = CheckpointFile.Read(path);
        var sd = checkpoint.StateDict();

        Assert.Equal(["layer.weight", "layer.weight_t", "tail", "bias"], sd.Keys);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], sd["layer.weight_t"].contiguous().data<float>().ToArray());
        Assert.Equal([5f, 6f], sd["tail"].data<float>().ToArray());
        Assert.Equal(9f, sd["bias"].item<float>());
    }

    [Fact]
    public void A_legacy_checkpoint_in_a_wrapper_reads_like_the_zip_one()
    {
        using var dir = new TempDirectory();
        var pickle = TorchFileBuilder.StateDictPickle(Storages, Tensors, legacy: true, wrapperKey: "generator");
        var path = dir.Write("g_00000001", TorchFileBuilder.Legacy(pickle, Storages));

        using var checkpoint = CheckpointFile.Read(path);
        var sd = checkpoint.StateDict("generator");

        Assert.Equal(CheckpointFormat.TorchLegacy, checkpoint.Format);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], sd["layer.weight"].data<float>().ToArray());
        Assert.Equal([5f, 6f], sd["tail"].data<float>().ToArray());
    }

    [Fact]
    public void A_tensor_reaching_past_its_storage_is_refused_instead_of_reading_foreign_memory()
    {
        using var dir = new TempDirectory();
        TensorSpec[] hostile = [new("w", "0", 2, [2, 3], [3, 1])];
        var path = dir.Write("w.pth", TorchFileBuilder.Zip(TorchFileBuilder.StateDictPickle(Storages, hostile, legacy: false), Storages));

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));

        Assert.Contains("w.pth", error.Message);
        Assert.Contains("reaches element 7 of storage '0', which holds 6", error.Message);
    }

    [Fact]
    public void A_storage_entry_shorter_than_declared_is_reported_with_both_sizes()
    {
        using var dir = new TempDirectory();
        StorageSpec[] shortStorage = [Storages[0] with { Bytes = Storages[0].Bytes[..20] }, Storages[1]];
        var path = dir.Write("w.pth", TorchFileBuilder.Zip(TorchFileBuilder.StateDictPickle(Storages, Tensors, legacy: false), shortStorage));

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));

        Assert.Contains("storage '0' should hold 6 Float32 elements (24 bytes) but its entry has 20 bytes", error.Message);
    }

    [Fact]
    public void A_truncated_legacy_file_is_reported_as_truncated()
    {
        using var dir = new TempDirectory();
        var bytes = TorchFileBuilder.Legacy(TorchFileBuilder.StateDictPickle(Storages, Tensors, legacy: true), Storages);
        var path = dir.Write("w.pt", bytes[..^3]);

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_file_in_no_known_format_is_refused_with_the_formats_that_would_work()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("notes.ckpt", "hello, not weights"u8.ToArray());

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));

        Assert.Contains("'notes.ckpt' is neither a PyTorch checkpoint (zip or legacy pickle) nor a .safetensors file", error.Message);
    }

    [Fact]
    public void Reading_inside_a_dispose_scope_leaves_the_tensors_to_the_checkpoint()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("w.pth", TorchFileBuilder.Zip(TorchFileBuilder.StateDictPickle(Storages, Tensors, legacy: false), Storages));

        Checkpoint checkpoint;
        using (NewDisposeScope()) checkpoint = CheckpointFile.Read(path);

        using (checkpoint) Assert.Equal(9f, checkpoint.StateDict()["bias"].item<float>());
    }
}
