using System.Globalization;
using System.Text;
using MyXtts.Core.IO;
using Serilog;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// The checkpoint folder: <c>step-NNNNNNNNN.ckpt</c> files (the last <c>keepLast</c> are kept), <c>best.ckpt</c> (lowest
/// validation loss so far) and <c>latest</c>, a one-line pointer to the newest file. Every file is written atomically.
/// Resuming from "latest" skips a corrupt or truncated file with a warning and uses the previous one.
/// </summary>
public sealed class CheckpointStore(string directory, int keepLast, ILogger log)
{
    public const string LatestPointer = "latest", BestFile = "best.ckpt";
    private const string Prefix = "step-", Extension = ".ckpt";

    /// <summary>The folder.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The file name of the checkpoint of <paramref name="step"/>.</summary>
    public string PathFor(long step) => Path.Combine(Directory, $"{Prefix}{step.ToString("D9", CultureInfo.InvariantCulture)}{Extension}");

    /// <summary>Writes the step's checkpoint through <paramref name="write"/>, points <c>latest</c> at it, copies it to <c>best.ckpt</c> when best, prunes old ones.</summary>
    public string Save(long step, Action<string> write, bool isBest)
    {
        var path = PathFor(step);
        write(path);
        AtomicFile.Write(Path.Combine(Directory, LatestPointer), s => s.Write(Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n")));
        if (isBest) AtomicFile.Write(Path.Combine(Directory, BestFile), s => { using var source = File.OpenRead(path); source.CopyTo(s); });
        foreach (var old in StepFiles().SkipLast(Math.Max(1, keepLast))) File.Delete(old);
        return path;
    }

    /// <summary>Step checkpoint files, oldest first.</summary>
    public IReadOnlyList<string> StepFiles() => !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.GetFiles(Directory, Prefix + "*" + Extension).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The newest readable checkpoint: the one <c>latest</c> names, else (when it is missing or corrupt) the newest step
    /// file that verifies. Throws <see cref="CheckpointException"/> when there is none.
    /// </summary>
    public TrainingCheckpoint ReadLatest() => ReadLatest(TrainingCheckpoint.Read);

    /// <summary>As <see cref="ReadLatest()"/>, for another checkpoint layout in the same container (stage 2's) read by <paramref name="read"/>.</summary>
    public T ReadLatest<T>(Func<string, T> read)
    {
        var candidates = new List<string>();
        var pointer = Path.Combine(Directory, LatestPointer);
        if (File.Exists(pointer) && File.ReadAllText(pointer).Trim() is { Length: > 0 } name) candidates.Add(Path.Combine(Directory, name));
        candidates.AddRange(StepFiles().Reverse().Where(f => !candidates.Contains(f)));
        foreach (var path in candidates.Where(File.Exists))
        {
            try { return read(path); }
            catch (CorruptCheckpointException e)
            {
                log.Warning("Skipping checkpoint {Path}: {Reason} Falling back to the previous one.", path, e.Message);
            }
        }
        throw new CheckpointException($"No usable checkpoint in '{Directory}' (looked at {candidates.Count} file(s)). Start without --resume, or give --resume PATH.");
    }
}
