using System.Collections.Concurrent;

namespace MyXtts.Core.Data;

/// <summary>Why an item was left out.</summary>
public enum SkipReason
{
    /// <summary>The metadata line has fewer than 2 columns.</summary>
    TooFewColumns,
    /// <summary>The metadata line is not valid UTF-8.</summary>
    NotUtf8,
    /// <summary>An id seen on an earlier line.</summary>
    DuplicateId,
    /// <summary>An empty id.</summary>
    EmptyId,
    /// <summary>Empty transcript.</summary>
    EmptyText,
    /// <summary>No <c>.wav</c>/<c>.flac</c> for the id.</summary>
    MissingFile,
    /// <summary>The audio path is a directory.</summary>
    NotAFile,
    /// <summary>A zero-byte audio file.</summary>
    EmptyFile,
    /// <summary>The audio could not be decoded.</summary>
    Unreadable,
    /// <summary>Decoded audio with no samples, or silence only.</summary>
    EmptyAudio,
    /// <summary>Longer than <c>data.max_audio_length</c>.</summary>
    TooLong,
    /// <summary>Shorter than the minimum audio length.</summary>
    TooShort,
    /// <summary>More tokens than <c>data.max_text_tokens</c>.</summary>
    TextTooLong,
    /// <summary>Transcript without a single known symbol.</summary>
    UnknownSymbols,
}

/// <summary>
/// Skipped items with a one-line reason each. Bad input never stops a run: it lands here, is counted in the summary,
/// and the first few messages per reason are kept for the report. Thread-safe.
/// </summary>
public sealed class SkipLog
{
    private const int ExamplesPerReason = 5;
    private readonly ConcurrentDictionary<SkipReason, int> _counts = new();
    private readonly ConcurrentDictionary<SkipReason, ConcurrentQueue<string>> _examples = new();

    /// <summary>Raised for every skip with its message (e.g. to log it).</summary>
    public event Action<SkipReason, string>? Skipped;

    /// <summary>Records one skipped item; <paramref name="message"/> names the file or line and the cause.</summary>
    public void Add(SkipReason reason, string message)
    {
        _counts.AddOrUpdate(reason, 1, (_, n) => n + 1);
        var examples = _examples.GetOrAdd(reason, _ => new ConcurrentQueue<string>());
        if (examples.Count < ExamplesPerReason) examples.Enqueue(message);
        Skipped?.Invoke(reason, message);
    }

    /// <summary>Skips by reason.</summary>
    public IReadOnlyDictionary<SkipReason, int> Counts => _counts;

    /// <summary>Total skipped.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>The first messages recorded for <paramref name="reason"/>.</summary>
    public IReadOnlyList<string> Examples(SkipReason reason) =>
        _examples.TryGetValue(reason, out var q) ? q.ToArray() : [];
}
