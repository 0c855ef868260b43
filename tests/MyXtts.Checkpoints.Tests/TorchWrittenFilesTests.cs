using MyXtts.Checkpoints.Pickle;
using MyXtts.Checkpoints.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Tests;

/// <summary>Files written by torch 1.13 itself (TestData/generate.py): every dtype, strided views, wrappers, a hostile pickle.</summary>
public sealed class TorchWrittenFilesTests
{
    [Theory]
    [InlineData("dtypes.pt", CheckpointFormat.TorchZip)]
    [InlineData("dtypes_legacy.pt", CheckpointFormat.TorchLegacy)]
    public void Every_dtype_reads_back_with_its_values_in_both_torch_formats(string file, CheckpointFormat format)
    {
        using var checkpoint = CheckpointFile.Read(TestData.PathOf(file));
        var sd = checkpoint.StateDict();

        Assert.Equal(format, checkpoint.Format);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f], sd["f32"].data<float>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, sd["f32"].shape);
        Assert.Equal(4.0 / 3, sd["f64"].data<double>()[4], 12);
        Assert.Equal(ScalarType.Float16, sd["f16"].dtype);
        Assert.Equal([0f, 0.5f, 1f, 1.5f], sd["f16"].to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal(ScalarType.BFloat16, sd["bf16"].dtype);
        Assert.Equal([0f, 1.5f, 3f, 4.5f], sd["bf16"].to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal([-1L, 0, 1], sd["i64"].data<long>().ToArray());
        Assert.Equal([0, 7, 14], sd["i32"].data<int>().ToArray());
        Assert.Equal([(byte)250, 251, 252, 253], sd["u8"].data<byte>().ToArray());
        Assert.Equal([true, false, true], sd["bool"].data<bool>().ToArray());
        Assert.Empty(sd["scalar"].shape);
        Assert.Equal(42L, sd["scalar"].item<long>());
    }

    [Theory]
    [InlineData("dtypes.pt")]
    [InlineData("dtypes_legacy.pt")]
    public void Non_contiguous_views_keep_their_strides_and_offsets(string file)
    {
        using var checkpoint = CheckpointFile.Read(TestData.PathOf(file));
        var sd = checkpoint.StateDict();
        using var baseValues = arange(24, dtype: ScalarType.Float32).reshape(4, 6);

        Assert.True(Tensors.Same(sd["transposed"], baseValues.t()));
        Assert.True(Tensors.Same(sd["sliced"], baseValues[1.., ..].slice(1, 0, 6, 2)));
        Assert.Equal(new long[] { 3, 3 }, sd["sliced"].shape);
    }

    [Fact]
    public void A_wrapper_dict_keeps_its_config_step_and_bytes_next_to_the_state_dict()
    {
        using var checkpoint = CheckpointFile.Read(TestData.PathOf("wrapped.pth"));
        var root = Assert.IsType<PickleDict>(checkpoint.Root);
        var config = Assert.IsType<PickleDict>(root["config"]);

        Assert.Equal(12L, root["step"]);
        Assert.Equal(new byte[] { 0, 0xff, (byte)'a', (byte)'b' }, root["blob"]);
        Assert.Equal(new List<object?> { 1L, 2L }, config["hidden"]);
        Assert.Equal("x", config["name"]);
        Assert.Equal(0.5, config["rate"]);
        Assert.Equal(true, config["flag"]);
        Assert.Null(config["none"]);
        Assert.Equal(12, checkpoint.StateDict("model_state", "model").Count);
    }

    [Fact]
    public void A_wrapper_without_a_matching_key_is_refused_listing_its_top_level_entries()
    {
        using var checkpoint = CheckpointFile.Read(TestData.PathOf("wrapped.pth"));

        var error = Assert.Throws<CheckpointFormatException>(() => checkpoint.StateDict("generator"));

        Assert.Contains("wrapped.pth", error.Message);
        Assert.Contains("'generator'", error.Message);
        Assert.Contains("'model': dict", error.Message);
        Assert.Contains("'step': int", error.Message);
    }

    [Fact]
    public void A_file_with_a_pickled_callable_is_refused_naming_the_file_and_the_global()
    {
        var error = Assert.Throws<CheckpointSecurityException>(() => CheckpointFile.Read(TestData.PathOf("pickled_callable.pth")));

        Assert.StartsWith("refusing to load 'pickled_callable.pth': it references 'posix.system', which is code, not data", error.Message);
    }
}
