using System.Buffers.Binary;
using System.Text;
using MyXtts.Checkpoints.Safetensors;
using MyXtts.Checkpoints.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Tests;

/// <summary>safetensors write → read round trips and damaged headers.</summary>
public sealed class SafetensorsFileTests
{
    [Fact]
    public void Every_supported_dtype_round_trips_with_shape_order_and_metadata()
    {
        using var dir = new TempDirectory();
        var path = dir.File("w.safetensors");
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = arange(6, dtype: ScalarType.Float32).reshape(2, 3).t(),   // non-contiguous on purpose
            ["f64"] = arange(3, dtype: ScalarType.Float64) / 3,
            ["f16"] = arange(4, dtype: ScalarType.Float16),
            ["bf16"] = arange(4, dtype: ScalarType.BFloat16),
            ["i64"] = tensor(new long[] { -5, 7 }),
            ["i32"] = tensor(new[] { 1, 2, 3 }),
            ["u8"] = tensor(new byte[] { 0, 255 }),
            ["bool"] = tensor(new[] { true, false }),
            ["scalar"] = tensor(2.5f),
        };

        SafetensorsFile.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        using var checkpoint = CheckpointFile.Read(path);
        var read = checkpoint.StateDict();

        Assert.Equal(CheckpointFormat.Safetensors, checkpoint.Format);
        Assert.Equal("pt", checkpoint.Metadata["format"]);
        Assert.Equal(tensors.Keys, read.Keys);
        foreach (var (name, expected) in tensors)
        {
            Assert.Equal(expected.dtype, read[name].dtype);
            Assert.True(Tensors.Same(expected, read[name]), name);
        }
        Assert.Equal(0, (BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(path)) + 8) % 8);
    }

    [Fact]
    public void Data_offsets_that_disagree_with_the_shape_are_refused_naming_the_tensor()
    {
        using var dir = new TempDirectory();
        var header = Encoding.UTF8.GetBytes("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""");
        var bytes = new byte[8 + header.Length + 16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, header.Length);
        header.CopyTo(bytes, 8);
        var path = dir.Write("bad.safetensors", bytes);

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));

        Assert.Contains("'bad.safetensors' is not a valid safetensors file: tensor 'w' (F32 [2, 2]) has data offsets [0, 12]", error.Message);
    }
}
