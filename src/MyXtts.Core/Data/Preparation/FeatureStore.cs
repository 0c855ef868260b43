using MyXtts.Core.Data.Cache;

namespace MyXtts.Core.Data.Preparation;

/// <summary>
/// Where an utterance's features come from: the on-disk <see cref="FeatureCache"/> (precompute mode) or memory
/// (runtime mode, nothing written). Either way a miss extracts them with the <see cref="FeatureExtractor"/>.
/// </summary>
public sealed class FeatureStore(FeatureExtractor extractor, FeatureCache? cache)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FeatureSet> _memory = new(StringComparer.Ordinal);

    /// <summary>The extractor (its mel definition and front-end key).</summary>
    public FeatureExtractor Extractor { get; } = extractor;

    /// <summary>The disk cache, or null in runtime mode.</summary>
    public FeatureCache? Cache { get; } = cache;

    /// <summary>Features of <paramref name="item"/>; throws <see cref="Audio.AudioFormatException"/> for undecodable audio.</summary>
    public FeatureSet Get(DatasetItem item) => Cache is null
        ? _memory.GetOrAdd(item.Id, _ => Extractor.Extract(item.AudioPath))
        : Cache.GetOrCompute(item, i => Extractor.Extract(i.AudioPath));

    /// <summary>Cache root for a dataset: <paramref name="cacheRoot"/> (or the user cache folder) / name-hash of the metadata path.</summary>
    public static string DirectoryFor(DatasetSource source, string cacheRoot)
    {
        var root = cacheRoot.Length > 0 ? cacheRoot
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "myxtts");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source.MetadataPath)))[..12];
        var name = new DirectoryInfo(Path.GetDirectoryName(source.MetadataPath)!).Name;
        return Path.Combine(Path.GetFullPath(root), $"{name}-{hash}");
    }

    /// <summary>True when <paramref name="directory"/> can be created and written.</summary>
    public static bool IsWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
