using MyXtts.Core.IO;
using TorchSharp;

namespace MyXtts.SpeakerEncoders.Coqui.Tests.TestSupport;

/// <summary>Files of the <c>coqui_resnet</c> and <c>coqui_lstm</c> parity fixtures under <c>MYXTTS_PARITY_DIR</c>.</summary>
public static class ParityFixtures
{
    public const string EnvironmentVariable = "MYXTTS_PARITY_DIR";
    public const string ResNet = "coqui_resnet", Lstm = "coqui_lstm";

    public static string? Root => Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary>The path of a fixture file; fails naming the path when it does not exist.</summary>
    public static string PathOf(string folder, string file)
    {
        var root = Root ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set; use [ParityFact] on this test.");
        var path = Path.Combine(root, folder, file);
        if (!File.Exists(path)) throw new FileNotFoundException($"Parity fixture {path} does not exist ({EnvironmentVariable}={root}).", path);
        return path;
    }

    /// <summary>A fixture <c>.npy</c> as a CPU tensor, in the caller's dispose scope.</summary>
    public static torch.Tensor Tensor(string folder, string file) => NpyFile.Read(PathOf(folder, file)).ToTensor();
}
