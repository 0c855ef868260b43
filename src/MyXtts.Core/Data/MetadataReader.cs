using System.Text;

namespace MyXtts.Core.Data;

/// <summary>
/// Reads an LJSpeech-style <c>metadata.csv</c>: <c>id|text[|normalized text[|speaker]]</c>, UTF-8 with or without BOM,
/// LF or CRLF, an optional header line. Bad lines are skipped into a <see cref="SkipLog"/> with the file and line number;
/// reading never throws for content problems (only when the file itself cannot be opened).
/// </summary>
public static class MetadataReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] HeaderIds = ["id", "file", "filename", "file_name", "audio", "audio_file", "wav", "path", "utterance_id"];

    /// <summary>Usable entries of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FileNotFoundException">The metadata file does not exist (the message says which path was tried).</exception>
    public static IReadOnlyList<MetadataEntry> Read(string path, SkipLog skips)
    {
        if (Directory.Exists(path)) throw new FileNotFoundException($"Metadata path '{path}' is a directory; give the metadata.csv file inside it.", path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Metadata file '{path}' not found. Expected an LJSpeech layout: metadata.csv with id|text|normalized text.", path);
        return Parse(File.ReadAllBytes(path), path, skips);
    }

    /// <summary>Parses metadata bytes; <paramref name="source"/> names the file in messages.</summary>
    public static IReadOnlyList<MetadataEntry> Parse(ReadOnlySpan<byte> bytes, string source, SkipLog skips)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var entries = new List<MetadataEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (!bytes.IsEmpty)
        {
            lineNumber++;
            var end = bytes.IndexOf((byte)'\n');
            var raw = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (!raw.IsEmpty && raw[^1] == (byte)'\r') raw = raw[..^1];
            if (raw.IsEmpty || raw.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) continue;

            string line;
            try { line = StrictUtf8.GetString(raw); }
            catch (DecoderFallbackException)
            {
                skips.Add(SkipReason.NotUtf8, $"{source}:{lineNumber}: not valid UTF-8; re-save the file as UTF-8");
                continue;
            }
            var columns = line.Split('|');
            if (lineNumber == 1 && IsHeader(columns)) continue;
            if (columns.Length < 2)
            {
                skips.Add(SkipReason.TooFewColumns, $"{source}:{lineNumber}: expected id|text[|normalized text[|speaker]], found {columns.Length} column(s)");
                continue;
            }
            var entry = ToEntry(columns, lineNumber, source, skips);
            if (entry is null) continue;
            if (seen.TryGetValue(entry.Id, out var firstLine))
            {
                skips.Add(SkipReason.DuplicateId, $"{source}:{lineNumber}: id '{entry.Id}' already used on line {firstLine}; this line is ignored");
                continue;
            }
            seen[entry.Id] = lineNumber;
            entries.Add(entry);
        }
        return entries;
    }

    private static MetadataEntry? ToEntry(string[] columns, int line, string source, SkipLog skips)
    {
        var id = columns[0].Trim();
        if (id.Length == 0)
        {
            skips.Add(SkipReason.EmptyId, $"{source}:{line}: empty id");
            return null;
        }
        var text = columns[1].Trim();
        var normalized = columns.Length > 2 && columns[2].Trim().Length > 0 ? columns[2].Trim() : text;
        if (normalized.Length == 0)
        {
            skips.Add(SkipReason.EmptyText, $"{source}:{line}: '{id}' has an empty transcript");
            return null;
        }
        var speaker = columns.Length > 3 && columns[3].Trim().Length > 0 ? columns[3].Trim() : null;
        return new MetadataEntry(id, text.Length > 0 ? text : normalized, normalized, speaker, line);
    }

    private static bool IsHeader(string[] columns) =>
        columns.Length >= 2 && HeaderIds.Contains(columns[0].Trim().ToLowerInvariant())
        && columns[1].Trim().ToLowerInvariant() is "text" or "transcript" or "transcription" or "sentence";
}
