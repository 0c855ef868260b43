using System.Globalization;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// The generator files beside the stage-2 checkpoints (<c>g_NNNNNNNN.safetensors</c>, hifi-gan's naming), pruned with
/// them: a file stays while a kept step checkpoint or <c>best.ckpt</c> (through the <c>best-generator</c> pointer) names it.
/// </summary>
public sealed class VocoderGeneratorFiles(CheckpointStore store)
{
    /// <summary>One-line file naming the generator of <c>best.ckpt</c>.</summary>
    public const string BestPointer = "best-generator";

    private const string Prefix = "g_", Extension = ".safetensors";

    /// <summary>The generator file of <paramref name="step"/>.</summary>
    public string PathFor(long step) => Path.Combine(store.Directory, $"{Prefix}{step.ToString("D8", CultureInfo.InvariantCulture)}{Extension}");

    /// <summary>Records that <paramref name="generator"/> was written with a checkpoint, then deletes generators no checkpoint names.</summary>
    public void Saved(string generator, bool isBest)
    {
        var bestPointer = Path.Combine(store.Directory, BestPointer);
        if (isBest) AtomicFile.Write(bestPointer, s => s.Write(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(generator) + "\n")));
        var keep = store.StepFiles().Select(f => PathFor(StepOf(f))).ToHashSet(StringComparer.Ordinal);
        if (File.Exists(bestPointer)) keep.Add(Path.Combine(store.Directory, File.ReadAllText(bestPointer).Trim()));
        foreach (var file in Directory.GetFiles(store.Directory, Prefix + "*" + Extension).Where(f => !keep.Contains(f)))
            File.Delete(file);
    }

    private static long StepOf(string stepFile) =>
        long.Parse(Path.GetFileNameWithoutExtension(stepFile)["step-".Length..], CultureInfo.InvariantCulture);
}
