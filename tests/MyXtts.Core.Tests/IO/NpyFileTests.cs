using System.Text;
using MyXtts.Core.IO;
using MyXtts.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.IO;

public sealed class NpyFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<Array, long[]> Arrays => new()
    {
        { new[] { 1.5f, -2f, 3.25f, 0f, 1e-30f, float.MaxValue }, new long[] { 2, 3 } },
        { new[] { Math.PI, -1e300 }, new long[] { 2 } },
        { new[] { 1, -2, int.MaxValue, int.MinValue }, new long[] { 2, 1, 2 } },
        { new[] { long.MaxValue }, Array.Empty<long>() },
        { Array.Empty<float>(), new long[] { 0, 4 } },
    };

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Written_arrays_read_back_with_the_same_dtype_shape_and_values(Array data, long[] shape)
    {
        var path = _dir.File("a.npy");
        NpyFile.Write(path, new NpyArray(data, shape));
        var back = NpyFile.Read(path);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(data.GetType(), back.Data.GetType());
        Assert.Equal(data.Cast<object>(), back.Data.Cast<object>());
    }

    [Fact]
    public void The_header_is_numpy_format_1_0_padded_so_data_starts_on_a_64_byte_boundary()
    {
        var path = _dir.File("h.npy");
        NpyFile.Write(path, [1f, 2f, 3f], 3);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(1, bytes[6]);
        int headerEnd = 10 + BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, headerEnd % 64);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", Encoding.ASCII.GetString(bytes, 10, headerEnd - 10).TrimEnd());
        Assert.Equal(headerEnd + 12, bytes.Length);
    }

    [Fact]
    public void Format_2_0_headers_with_a_four_byte_length_are_read()
    {
        var header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }".PadRight(115) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 };
        bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(BitConverter.GetBytes(7L));
        bytes.AddRange(BitConverter.GetBytes(-8L));
        var array = NpyFile.Parse(bytes.ToArray(), "v2.npy");
        Assert.Equal([7L, -8L], (long[])array.Data);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", "Fortran")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", "'>f4'")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "'|O'")]
    [InlineData("{'shape': (2,), }", "not a dict")]
    public void Unsupported_headers_are_rejected_naming_the_file_and_the_problem(string header, string problem)
    {
        var error = Assert.Throws<NpyFormatException>(() => NpyFile.Parse(Image(header, new byte[8]), "x.npy"));
        Assert.StartsWith("x.npy", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Truncated_data_is_rejected_with_the_sizes()
    {
        var error = Assert.Throws<NpyFormatException>(() =>
            NpyFile.Parse(Image("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new byte[16]), "t.npy"));
        Assert.Contains("needs 32 bytes", error.Message);
    }

    [Fact]
    public void A_file_without_the_magic_is_not_npy() =>
        Assert.Throws<NpyFormatException>(() => NpyFile.Parse("PK\x03\x04 a zip, not npy"u8, "z.npy"));

    [Fact]
    public void Arrays_convert_to_and_from_tensors_with_their_shape()
    {
        using var scope = NewDisposeScope();
        var array = NpyArray.FromTensor(arange(6, ScalarType.Float32).reshape(2, 3));
        Assert.Equal([2L, 3L], array.Shape);
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f], (float[])array.Data);
        Assert.Equal([2L, 3L], array.ToTensor().shape);
    }

    [ParityFact]
    public void The_hifigan_mel_fixtures_read_with_their_documented_shapes()
    {
        Assert.Equal([2L, 22528L], ParityFixtures.Npy("hifigan_mel", "wav_in.npy").Shape);
        Assert.Equal([2L, 513L, 88L], ParityFixtures.Npy("hifigan_mel", "spec_mag.npy").Shape);
    }

    private static byte[] Image(string header, byte[] data)
    {
        var text = header.PadRight(117) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)text.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(text));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
