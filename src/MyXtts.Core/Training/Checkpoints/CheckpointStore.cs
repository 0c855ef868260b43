using System.Globalization;
using System.Text;
using Serilog;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// The checkpoint folder: <c>step-NNNNNNNNN.ckpt</c> files (the last <c>keepLast</c> are kept), <c>best.ckpt</c> (lowest
/// validation loss so far) and <c>latest</c>, a one-line pointer to the newest file. Every file is written atomically.
/// Resuming from "latest" skips a corrupt or truncated file with a warning and uses the previous one; the first save
/// removes temporary files that a killed run left behind.
/// </summary>
public sealed class CheckpointStore(string directory, int keepLast, ILogger log)
{
    public const string LatestPointer = "latest", BestFile = "best.ckpt";
    private const string Prefix = "step-", Extension = ".ckpt";

    private bool _cleaned;

    /// <summary>The folder.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The file name of the checkpoint of <paramref name="step"/>.</summary>
    public string PathFor(long step) => Path.Combine(Directory, $"{Prefix}{step.ToString("D9", CultureInfo.InvariantCulture)}{Extension}");

    /// <summary>Writes the step's checkpoint through <paramref name="write"/>, points <c>latest</c> at it, copies it to <c>best.ckpt</c> when best, prunes old ones.</summary>
    public string Save(long step, Action<string> write, bool isBest)
    {
        if (!_cleaned) RemoveInterruptedWrites();
        var path = PathFor(step);
        write(path);
        AtomicFile.Write(Path.Combine(Directory, LatestPointer), s => s.Write(Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n")));
        if (isBest) AtomicFile.Write(Path.Combine(Directory, BestFile), s => { using var source = File.OpenRead(path); source.CopyTo(s); });
        foreach (var old in StepFiles().SkipLast(Math.Max(1, keepLast))) File.Delete(old);
        return path;
    }

    /// <summary>
    /// Deletes the temporary files of writes that a killed process never finished (<c>.step-N.ckpt.&lt;pid&gt;.&lt;guid&gt;.tmp</c>,
    /// see <see cref="AtomicFile"/>) when that process is gone. They were never renamed into place, so no checkpoint is lost.
    /// </summary>
    public int RemoveInterruptedWrites()
    {
        _cleaned = true;
        if (!System.IO.Directory.Exists(Directory)) return 0;
        var removed = 0;
        foreach (var temp in System.IO.Directory.GetFiles(Directory, ".*.tmp"))
        {
            var parts = Path.GetFileName(temp).Split('.');
            if (parts.Length < 4 || !int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsRunning(pid)) continue;
            File.Delete(temp);
            removed++;
        }
        if (removed > 0) log.Information("Removed {Count} temporary file(s) of checkpoint writes interrupted by a killed run in {Folder}", removed, Directory);
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try { using var process = System.Diagnostics.Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }   // no such process
    }

    /// <summary>Step checkpoint files, oldest first.</summary>
    public IReadOnlyList<string> StepFiles() => !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.GetFiles(Directory, Prefix + "*" + Extension).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The newest readable checkpoint: the newest step file that verifies, falling back step by step past corrupt ones.
    /// <c>latest</c> counts only when it names a file outside the step series: it is written after the step file, so a
    /// run killed between the two leaves it one checkpoint behind. Throws <see cref="CheckpointException"/> when there is none.
    /// </summary>
    public TrainingCheckpoint ReadLatest() => ReadLatest(TrainingCheckpoint.Read);

    /// <summary>As <see cref="ReadLatest()"/>, for another checkpoint layout in the same container (stage 2's) read by <paramref name="read"/>.</summary>
    public T ReadLatest<T>(Func<string, T> read)
    {
        var candidates = StepFiles().Reverse().ToList();
        var pointer = Path.Combine(Directory, LatestPointer);
        if (File.Exists(pointer) && File.ReadAllText(pointer).Trim() is { Length: > 0 } name && Path.Combine(Directory, name) is var named && !candidates.Contains(named))
            candidates.Insert(0, named);
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
