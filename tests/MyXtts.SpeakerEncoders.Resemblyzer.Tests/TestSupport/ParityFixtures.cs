using MyXtts.Core.IO;
using TorchSharp;

namespace MyXtts.SpeakerEncoders.Resemblyzer.Tests.TestSupport;

/// <summary>Files of the <c>resemblyzer</c> parity fixture under <c>MYXTTS_PARITY_DIR</c>.</summary>
public static class ParityFixtures
{
    public const string EnvironmentVariable = "MYXTTS_PARITY_DIR";
    public const string Folder = "resemblyzer";

    public static string? Root => Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary>The path of a fixture file; fails naming the path when it does not exist.</summary>
    public static string PathOf(string file)
    {
        var root = Root ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set; use [ParityFact] on this test.");
        var path = Path.Combine(root, Folder, file);
        if (!File.Exists(path)) throw new FileNotFoundException($"Parity fixture {path} does not exist ({EnvironmentVariable}={root}).", path);
        return path;
    }

    /// <summary>A fixture <c>.npy</c> as a CPU tensor, in the caller's dispose scope.</summary>
    public static torch.Tensor Tensor(string file) => NpyFile.Read(PathOf(file)).ToTensor();
}
