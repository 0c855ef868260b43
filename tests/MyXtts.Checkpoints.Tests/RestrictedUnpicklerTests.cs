using System.Numerics;
using MyXtts.Checkpoints.Pickle;
using MyXtts.Checkpoints.Tests.TestSupport;

namespace MyXtts.Checkpoints.Tests;

/// <summary>The pickle interpreter: plain data comes through, anything that would run code is refused.</summary>
public sealed class RestrictedUnpicklerTests
{
    private static object? Unpickle(byte[] pickle) =>
        PickleReader.Read(new MemoryStream(pickle), "test.pkl", new PlainDataEnvironment("test.pkl"));

    private static string WriteZip(TempDirectory dir, string name, byte[] pickle) =>
        dir.Write(name, TorchFileBuilder.Zip(pickle, []));

    [Fact]
    public void Plain_values_and_containers_come_back_as_their_dotnet_counterparts()
    {
        // {'a': [1, 2**70, 1.5, None, True], (1, 'k'): 'v', 'set': {3}}
        var pickle = new PickleBuilder().Proto(4).EmptyDict().Mark()
            .Str("a").Raw((byte)']').Mark().Int(1).Raw(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x40)
            .Raw((byte)'G', 0x3f, 0xf8, 0, 0, 0, 0, 0, 0).None().Bool(true).Raw((byte)'e')
            .Mark().Int(1).Str("k").Tuple().Str("v")
            .Str("set").Raw(0x8f).Mark().Int(3).Raw(0x90)
            .SetItems().Stop().Build();

        var dict = Assert.IsType<PickleDict>(Unpickle(pickle));

        Assert.Equal(new List<object?> { 1L, BigInteger.Pow(2, 70), 1.5, null, true }, dict["a"]);
        Assert.Equal("v", dict[new PickleTuple([1L, "k"])]);
        Assert.Equal([3L], Assert.IsType<HashSet<object?>>(dict["set"]).ToList());
    }

    [Fact]
    public void Memoised_values_are_shared_like_python_references()
    {
        var pickle = new PickleBuilder().Proto().Raw((byte)']').Raw((byte)'q', 0).Raw((byte)'h', 0).Raw((byte)'a').Stop().Build();

        var list = Assert.IsType<List<object?>>(Unpickle(pickle));

        Assert.Same(list, list[0]);
    }

    [Theory]
    [InlineData("posix", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("subprocess", "Popen")]
    [InlineData("torch.nn.modules.linear", "Linear")]
    public void A_global_outside_the_allowlist_is_refused_before_anything_is_called(string module, string name)
    {
        using var dir = new TempDirectory();
        var pickle = new PickleBuilder().Proto().Global(module, name).Mark().Str("echo never").Tuple().Reduce().Stop().Build();
        var path = WriteZip(dir, "evil.pth", pickle);

        var error = Assert.Throws<CheckpointSecurityException>(() => CheckpointFile.Read(path));

        Assert.Contains($"refusing to load 'evil.pth': it references '{module}.{name}', which is code, not data", error.Message);
        Assert.Contains("torch.save(model.state_dict(), path)", error.Message);
    }

    [Fact]
    public void A_protocol_4_stack_global_is_checked_against_the_same_allowlist()
    {
        using var dir = new TempDirectory();
        var pickle = new PickleBuilder().Proto(4).Str("builtins").Str("exec").Raw(0x93).Mark().Str("import os").Tuple().Reduce().Stop().Build();
        var path = WriteZip(dir, "evil.pth", pickle);

        var error = Assert.Throws<CheckpointSecurityException>(() => CheckpointFile.Read(path));

        Assert.Contains("'builtins.exec'", error.Message);
    }

    [Fact]
    public void The_protocol_0_inst_opcode_is_refused_with_the_class_it_names()
    {
        var pickle = new PickleBuilder().Mark().Raw((byte)'i').Raw("os\nsystem\n"u8.ToArray()).Stop().Build();

        var error = Assert.Throws<CheckpointSecurityException>(() => Unpickle(pickle));

        Assert.Contains("'os.system'", error.Message);
    }

    [Fact]
    public void A_hostile_main_pickle_in_a_legacy_file_is_refused_too()
    {
        using var dir = new TempDirectory();
        var pickle = new PickleBuilder().Proto().Global("nt", "system").Mark().Str("calc").Tuple().Reduce().Stop().Build();
        var path = dir.Write("old.pt", TorchFileBuilder.Legacy(pickle, []));

        var error = Assert.Throws<CheckpointSecurityException>(() => CheckpointFile.Read(path));

        Assert.Contains("'old.pt': it references 'nt.system'", error.Message);
    }

    [Fact]
    public void Calling_a_value_that_is_not_an_allowed_constructor_is_refused()
    {
        using var dir = new TempDirectory();
        // A storage type is allowed as a marker but must not be callable.
        var pickle = new PickleBuilder().Proto().Global("torch", "FloatStorage").Mark().Int(3).Tuple().Reduce().Stop().Build();
        var path = WriteZip(dir, "odd.pth", pickle);

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));

        Assert.Contains("'torch.FloatStorage', which is a type marker, not a constructor", error.Message);
    }

    [Fact]
    public void A_length_running_past_the_end_is_reported_not_allocated()
    {
        var pickle = new PickleBuilder().Proto().Raw((byte)'X', 0xff, 0xff, 0xff, 0x7f).Build();

        var error = Assert.Throws<CheckpointFormatException>(() => Unpickle(pickle));

        Assert.Contains("runs past the end", error.Message);
    }
}
