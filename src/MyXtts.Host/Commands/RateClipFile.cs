using MyXtts.Core.Inference;

namespace MyXtts.Host.Commands;

/// <summary>
/// Reads <c>synthesize --rate-clips FILE</c>: one <c>audio path|transcript</c> per line (the LJSpeech separator; blank
/// lines and lines starting with <c>#</c> are skipped), relative paths resolved against the file's folder. Every
/// problem names the file and line, since a wrong transcript would silently skew the speaking rate.
/// </summary>
public static class RateClipFile
{
    public static IReadOnlyList<TranscribedClip> Read(FileInfo file)
    {
        if (!file.Exists) throw new IOException($"Rate clip list '{file.FullName}' does not exist (--rate-clips).");
        var folder = file.DirectoryName ?? ".";
        var clips = new List<TranscribedClip>();
        var lines = File.ReadAllLines(file.FullName);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var where = $"{file.FullName}:{i + 1}";
            var bar = line.IndexOf('|');
            if (bar < 0) throw new ArgumentException($"{where}: expected 'audio path|transcript' (the clip and what it says), got '{line}'.");
            var path = line[..bar].Trim();
            var transcript = line[(bar + 1)..].Trim();
            if (path.Length == 0) throw new ArgumentException($"{where}: the audio path before '|' is empty.");
            if (transcript.Length == 0) throw new ArgumentException($"{where}: the transcript after '|' is empty; give what '{path}' says.");
            var full = Path.GetFullPath(path, folder);
            if (!File.Exists(full)) throw new IOException($"{where}: the clip '{full}' does not exist.");
            clips.Add(new TranscribedClip(full, transcript));
        }
        if (clips.Count == 0) throw new ArgumentException($"Rate clip list '{file.FullName}' has no clips; give one 'audio path|transcript' per line.");
        return clips;
    }
}
