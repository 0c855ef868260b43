using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Text;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Data.Preparation;

/// <summary>
/// Token ids per utterance, stored in one file per tokenizer definition (<c>tokens-&lt;hash&gt;.json</c>) beside the
/// feature cache. An entry is reused only when the transcript is unchanged; the file is rewritten atomically when
/// anything was added. Phonemization is the slow part this saves.
/// </summary>
public sealed class TokenCache
{
    /// <summary>Cache name reported to the profiler.</summary>
    public const string ProfilerName = "tokens";

    private readonly string _path;
    private readonly Dictionary<string, Entry> _entries;
    private readonly ICacheProfiler _profiler;
    private readonly Lock _gate = new();
    private bool _dirty;

    private sealed record Entry(string Text, int[] Ids);

    /// <summary>Opens (or starts) the cache for <paramref name="definition"/> in <paramref name="directory"/>.</summary>
    public TokenCache(string directory, TokenizerDefinition definition, ICacheProfiler profiler)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(definition))))[..16];
        _path = Path.Combine(directory, $"tokens-{hash}.json");
        _profiler = profiler;
        _entries = Load(_path, profiler);
    }

    /// <summary>Ids for utterance <paramref name="id"/> with transcript <paramref name="text"/>, encoding on a miss.</summary>
    public int[] GetOrEncode(string id, string text, Func<string, int[]> encode)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.Text == text)
            {
                _profiler.RecordCacheHit(ProfilerName);
                return entry.Ids;
            }
        }
        _profiler.RecordCacheMiss(ProfilerName);
        var ids = encode(text);
        lock (_gate)
        {
            _entries[id] = new Entry(text, ids);
            _dirty = true;
        }
        return ids;
    }

    /// <summary>Writes the file if anything changed.</summary>
    public void Save()
    {
        lock (_gate)
        {
            if (!_dirty) return;
            AtomicFile.Write(_path, s => JsonSerializer.Serialize(s, _entries));
            _dirty = false;
        }
    }

    private static Dictionary<string, Entry> Load(string path, ICacheProfiler profiler)
    {
        if (!File.Exists(path)) return new(StringComparer.Ordinal);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(path)) ?? new(StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            profiler.RecordCacheError(ProfilerName, new InvalidDataException($"Corrupt token cache '{path}': {e.Message}; rebuilding it.", e));
            return new(StringComparer.Ordinal);
        }
    }
}
