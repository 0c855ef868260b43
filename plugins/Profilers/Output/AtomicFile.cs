namespace MyXtts.Plugins.Profilers.Output;

/// <summary>
/// Writes a file so that readers (a dashboard polling the run folder, a crash mid-write) see either the old
/// complete file or the new complete one, never a torn one: write a temp file in the same folder, flush it to
/// disk, then rename it over the target (a rename within one file system is atomic).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);   // never leave a half-written temp file behind; the old target stays as it was
            throw;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> in UTF-8 (no BOM).</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });
}
