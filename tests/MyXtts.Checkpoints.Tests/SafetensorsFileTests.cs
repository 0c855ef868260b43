using System.Buffers.Binary;
using System.Text;
using MyXtts.Checkpoints.Safetensors;
using MyXtts.Checkpoints.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Tests;

/// <summary>safetensors write → read round trips, the exact bytes written, and damaged headers.</summary>
public sealed class SafetensorsFileTests
{
    /// <summary>
    /// The header both writers MyXtts had before they were merged produced for <see cref="GoldenTensors"/> (checked against
    /// each of them): metadata first, JSON escaped as System.Text.Json's default encoder does, spaces up to 8-byte alignment.
    /// </summary>
    private const string GoldenHeader =
        """{"__metadata__":{"format":"pt","note":"\u003C\u00FC\u0026\u003E"},"a.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}""" +
        ""","b.bias":{"dtype":"BF16","shape":[3],"data_offsets":[16,22]},"c.step":{"dtype":"I64","shape":[],"data_offsets":[22,30]}""" +
        ""","d.mask":{"dtype":"BOOL","shape":[2],"data_offsets":[30,32]},"e.empty":{"dtype":"F16","shape":[0],"data_offsets":[32,32]}}""";

    /// <summary>a.weight transposed to contiguous (0, 2, 1, 3) as F32, b.bias (1, -2, 0.5) as BF16, 7 as I64, (true, false).</summary>
    private const string GoldenData = "00000000" + "00000040" + "0000803F" + "00004040" + "803F00C0003F" + "0700000000000000" + "0100";

    private static readonly Dictionary<string, string> GoldenMetadata = new() { ["format"] = "pt", ["note"] = "<ü&>" };

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
            ["i16"] = tensor(new short[] { -300, 300 }),
            ["i8"] = tensor(new sbyte[] { -7, 7 }),
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
    public void A_file_and_a_stream_get_exactly_the_bytes_the_format_defines()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = dir.File("golden.safetensors");
        var stream = new MemoryStream();

        SafetensorsFile.Write(path, GoldenTensors(), GoldenMetadata);
        SafetensorsFile.Write(stream, GoldenTensors(), GoldenMetadata);

        Assert.Equal(Convert.ToHexString(Golden()), Convert.ToHexString(File.ReadAllBytes(path)));
        Assert.Equal(Convert.ToHexString(Golden()), Convert.ToHexString(stream.ToArray()));
        Assert.Equal(["golden.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));   // no temporary file left
    }

    [Fact]
    public void Names_sorted_by_name_give_the_same_file_whatever_order_the_tensors_come_in_and_as_given_keeps_the_order()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        var reversed = Enumerable.Reverse(GoldenTensors()).ToList();

        SafetensorsFile.Write(dir.File("sorted.safetensors"), reversed, GoldenMetadata, SafetensorsOrder.ByName);
        SafetensorsFile.Write(dir.File("given.safetensors"), reversed, GoldenMetadata);

        Assert.Equal(Convert.ToHexString(Golden()), Convert.ToHexString(File.ReadAllBytes(dir.File("sorted.safetensors"))));
        using var given = SafetensorsFile.Read(dir.File("given.safetensors"));
        Assert.Equal(reversed.Select(p => p.Key), given.StateDict().Keys);
    }

    [Fact]
    public void Bytes_read_like_the_file_they_came_from_and_errors_name_what_the_caller_called_them()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = dir.File("w.safetensors");
        SafetensorsFile.Write(path, GoldenTensors(), GoldenMetadata);
        var bytes = File.ReadAllBytes(path);

        using var fromFile = SafetensorsFile.Read(path);
        using var fromBytes = SafetensorsFile.Read(bytes, "run.ckpt (speaker_encoder section)");

        Assert.Equal(fromFile.Metadata, fromBytes.Metadata);
        Assert.Equal(fromFile.StateDict().Keys, fromBytes.StateDict().Keys);
        foreach (var (name, expected) in fromFile.StateDict()) Assert.True(Tensors.Same(expected, fromBytes.StateDict()[name]), name);
        var error = Assert.Throws<CheckpointFormatException>(() => SafetensorsFile.Read(bytes[..^1], "run.ckpt (speaker_encoder section)"));
        Assert.Contains("'run.ckpt (speaker_encoder section)' is not a valid safetensors file: tensor 'd.mask'", error.Message);
    }

    [Fact]
    public void Metadata_comes_from_the_header_alone_so_a_file_with_truncated_data_still_gives_it()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = dir.File("w.safetensors");
        SafetensorsFile.Write(path, GoldenTensors(), GoldenMetadata);
        var cut = dir.Write("cut.safetensors", File.ReadAllBytes(path)[..^10]);

        Assert.Equal(GoldenMetadata, SafetensorsFile.ReadMetadata(cut));
        using var reader = SafetensorsFile.Open(cut);
        Assert.Equal("pt", reader.Metadata["format"]);
        var error = Assert.Throws<CheckpointFormatException>(() => reader.ReadTensors());
        Assert.Contains("tensor 'c.step'", error.Message);   // the first whose data the cut reaches
        Assert.Empty(SafetensorsFile.ReadMetadata(Write(dir, "bare.safetensors", """{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", 8)));
    }

    [Fact]
    public void Tensors_the_format_cannot_hold_are_refused_naming_the_tensor_and_leave_no_file()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = dir.File("w.safetensors");

        var dtype = Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["ok"] = zeros(2), ["spectrum"] = zeros(2, dtype: ScalarType.ComplexFloat32) }));
        var repeated = Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path, [new("w", zeros(1)), new("w", ones(1))]));
        var reserved = Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["__metadata__"] = zeros(1) }));

        Assert.Contains("Tensor 'spectrum' has dtype ComplexFloat32", dtype.Message);
        Assert.Contains("Two tensors are named 'w'", repeated.Message);
        Assert.Contains("'__metadata__'", reserved.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Data_offsets_that_disagree_with_the_shape_are_refused_naming_the_tensor()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "bad.safetensors", """{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", 16);

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));

        Assert.Contains("'bad.safetensors' is not a valid safetensors file: tensor 'w' (F32 [2, 2]) has data offsets [0, 12]", error.Message);
    }

    [Theory]
    [InlineData("""{"w":{"dtype":"F32","shape":"2","data_offsets":[0,4]}}""", "tensor 'w' is not an entry of string dtype, integer shape and integer data_offsets")]
    [InlineData("""{"__metadata__":{"step":7}}""", "__metadata__ entry 'step' is a JSON Number; the format allows strings only")]
    [InlineData("""[1, 2]""", "the header is a JSON Array, not an object")]
    [InlineData("""{"w":""", "the header is not valid JSON")]
    public void A_malformed_header_is_a_format_error_saying_what_is_wrong(string header, string problem)
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "bad.safetensors", header, 4);

        var error = Assert.Throws<CheckpointFormatException>(() => SafetensorsFile.Read(path));

        Assert.Contains($"'bad.safetensors' is not a valid safetensors file: {problem}", error.Message);
    }

    [Fact]
    public void A_file_shorter_than_its_header_size_is_a_format_error()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("short.safetensors", [0x40, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}']);

        var error = Assert.Throws<CheckpointFormatException>(() => SafetensorsFile.ReadMetadata(path));

        Assert.Contains("the header size 64 is larger than the file", error.Message);
    }

    /// <summary>Names already in ordinal order, so both former writers (one kept the order, one sorted) wrote the same bytes.</summary>
    private static List<KeyValuePair<string, Tensor>> GoldenTensors() =>
    [
        new("a.weight", arange(4, dtype: ScalarType.Float32).reshape(2, 2).t()),
        new("b.bias", tensor(new[] { 1f, -2f, 0.5f }).to(ScalarType.BFloat16)),
        new("c.step", tensor(7L)),
        new("d.mask", tensor(new[] { true, false })),
        new("e.empty", empty(0, dtype: ScalarType.Float16)),
    ];

    private static byte[] Golden()
    {
        var header = Encoding.UTF8.GetBytes(GoldenHeader.PadRight((GoldenHeader.Length + 7) / 8 * 8));
        var size = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(size, header.Length);
        return [.. size, .. header, .. Convert.FromHexString(GoldenData)];
    }

    private static string Write(TempDirectory dir, string name, string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, json.Length);
        json.CopyTo(bytes, 8);
        return dir.Write(name, bytes);
    }
}
