namespace MyXtts.Core.Data;

/// <summary>
/// Turns a metadata file into <see cref="DatasetItem"/>s: reads and validates the lines, finds each id's audio
/// (<c>.wav</c>, else <c>.flac</c>), resolves speakers. Anything unusable goes into the <see cref="SkipLog"/> with a
/// one-line reason; only a missing metadata file throws.
/// </summary>
public static class DatasetIndexer
{
    /// <summary>Audio extensions tried for an id, in order.</summary>
    public static readonly IReadOnlyList<string> AudioExtensions = [".wav", ".flac"];

    /// <summary>The usable items of <paramref name="source"/>.</summary>
    public static IReadOnlyList<DatasetItem> Index(DatasetSource source, SpeakerResolver speakers, SkipLog skips)
    {
        var entries = MetadataReader.Read(source.MetadataPath, skips);
        var names = speakers.Resolve(entries);
        var metadataName = Path.GetFileName(source.MetadataPath);
        var items = new List<DatasetItem>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"{metadataName}:{e.Line}";
            var audio = FindAudio(source.AudioDirectory, e.Id, where, skips);
            if (audio is null) continue;
            items.Add(new DatasetItem(e.Id, e.Text, e.NormalizedText, names[i], audio, where));
        }
        return items;
    }

    private static string? FindAudio(string folder, string id, string where, SkipLog skips)
    {
        foreach (var extension in AudioExtensions)
        {
            var path = Path.Combine(folder, id + extension);
            if (Directory.Exists(path))
            {
                skips.Add(SkipReason.NotAFile, $"{where}: '{path}' is a directory, not an audio file");
                return null;
            }
            if (!File.Exists(path)) continue;
            if (new FileInfo(path).Length == 0)
            {
                skips.Add(SkipReason.EmptyFile, $"{where}: '{path}' is empty (0 bytes)");
                return null;
            }
            return path;
        }
        skips.Add(SkipReason.MissingFile, $"{where}: no audio for '{id}' (looked for {string.Join(" and ", AudioExtensions.Select(x => id + x))} in {folder})");
        return null;
    }
}
