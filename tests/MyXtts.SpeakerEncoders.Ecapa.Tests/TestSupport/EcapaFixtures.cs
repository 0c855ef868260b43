using MyXtts.Core.IO;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Ecapa.Tests.TestSupport;

/// <summary>The ecapa_tdnn parity fixtures under <c>MYXTTS_PARITY_DIR</c>.</summary>
public static class EcapaFixtures
{
    /// <summary>The environment variable that names the fixtures root.</summary>
    public const string EnvironmentVariable = "MYXTTS_PARITY_DIR";

    /// <summary>The fixtures root, or null when unset.</summary>
    public static string? Root => Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary>The path of <c>ecapa_tdnn/<paramref name="file"/></c>; fails naming it when missing.</summary>
    public static string PathOf(string file)
    {
        var root = Root ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set; use [ParityFact] on this test.");
        var path = Path.Combine(root, "ecapa_tdnn", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Parity fixture {path} does not exist ({EnvironmentVariable}={root}).", path);
    }

    /// <summary>The checkpoint.</summary>
    public static string Checkpoint => PathOf("embedding_model.ckpt");

    /// <summary><c>ecapa_tdnn/<paramref name="file"/></c> as a tensor in the caller's dispose scope.</summary>
    public static Tensor Load(string file) => NpyFile.Read(PathOf(file)).ToTensor();
}
