using MyXtts.Core.IO;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.TestSupport;

/// <summary>Paths into the parity fixtures folder named by <c>MYXTTS_PARITY_DIR</c>.</summary>
public static class ParityFixtures
{
    /// <summary>The environment variable that names the fixtures root.</summary>
    public const string EnvironmentVariable = "MYXTTS_PARITY_DIR";

    /// <summary>The fixtures root, or null when unset.</summary>
    public static string? Root => Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary>The path of <paramref name="parts"/> under the root; fails naming the path when it does not exist.</summary>
    public static string PathOf(params string[] parts)
    {
        var root = Root ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set; use [ParityFact] on this test.");
        var path = Path.Combine([root, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"Parity fixture {path} does not exist ({EnvironmentVariable}={root}).", path);
        return path;
    }

    /// <summary>Reads <c>&lt;root&gt;/&lt;folder&gt;/&lt;file&gt;</c> as a tensor (in the caller's dispose scope).</summary>
    public static Tensor Tensor(string folder, string file) => NpyFile.Read(PathOf(folder, file)).ToTensor();
}
