using System.Security.Cryptography;
using System.Text;
using MyXtts.Abstractions.Profiling;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Data.Cache;

/// <summary>
/// On-disk cache of per-utterance features. Layout: <c>&lt;dir&gt;/&lt;aa&gt;/&lt;id&gt;.feat</c> where <c>aa</c> is a hash
/// prefix of the id (keeps folders small). Each entry records the front-end key (a hash of every parameter that affects
/// the features) and the source file's size and modification time, so a changed parameter or source file makes the
/// entry stale; a SHA-256 of the payload detects corruption. Stale and corrupt entries are rebuilt; every write is
/// atomic (temp file + rename), so a killed process never leaves a half-written entry. Thread-safe for distinct ids.
/// </summary>
public sealed class FeatureCache(string directory, string frontEndKey, IProfiler profiler)
{
    /// <summary>Cache name reported to the profiler.</summary>
    public const string ProfilerName = "features";

    private static ReadOnlySpan<byte> Magic => "MXFEAT02"u8;
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(frontEndKey));

    /// <summary>The cache folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The entry path for <paramref name="id"/>.</summary>
    public string PathFor(string id)
    {
        var bucket = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..2];
        return Path.Combine(Directory, bucket, SafeName(id) + ".feat");
    }

    /// <summary>The cached features of <paramref name="item"/>, computing and storing them when missing, stale or corrupt.</summary>
    public FeatureSet GetOrCompute(DatasetItem item, Func<DatasetItem, FeatureSet> compute)
    {
        if (TryRead(item, out var cached)) return cached!;
        var features = compute(item);
        Write(item, features);
        return features;
    }

    /// <summary>True when a valid, current entry exists (reported to the profiler as hit, miss or error).</summary>
    public bool TryRead(DatasetItem item, out FeatureSet? features)
    {
        features = null;
        var path = PathFor(item.Id);
        if (!File.Exists(path))
        {
            profiler.RecordCacheMiss(ProfilerName);
            return false;
        }
        try
        {
            var (size, ticks) = SourceStamp(item.AudioPath);
            features = Decode(File.ReadAllBytes(path), size, ticks);
            if (features is null) profiler.RecordCacheMiss(ProfilerName);   // stale: parameters or source changed
            else profiler.RecordCacheHit(ProfilerName);
            return features is not null;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            profiler.RecordCacheError(ProfilerName, new InvalidDataException($"Corrupt cache entry '{path}' for '{item.Id}': {e.Message}; rebuilding it.", e));
            return false;
        }
    }

    /// <summary>Stores <paramref name="features"/> for <paramref name="item"/> atomically.</summary>
    public void Write(DatasetItem item, FeatureSet features)
    {
        var (size, ticks) = SourceStamp(item.AudioPath);
        AtomicFile.Write(PathFor(item.Id), stream => Encode(stream, features, size, ticks));
    }

    private void Encode(Stream stream, FeatureSet features, long size, long ticks)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(features.Samples);
            w.Write(features.SourceSampleRate);
            w.Write(features.Arrays.Count);
            foreach (var (name, (shape, data)) in features.Arrays.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                w.Write(name);
                w.Write(shape.Length);
                foreach (var d in shape) w.Write(d);
                w.Write(data.Length);
                w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
            }
        }
        var bytes = payload.ToArray();
        using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        header.Write(Magic);
        header.Write(_key);
        header.Write(size);
        header.Write(ticks);
        header.Write(bytes.Length);
        header.Write(SHA256.HashData(bytes));
        header.Write(bytes);
    }

    private FeatureSet? Decode(byte[] file, long size, long ticks)
    {
        using var r = new BinaryReader(new MemoryStream(file));
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("bad magic");
        var key = r.ReadBytes(_key.Length);
        var entrySize = r.ReadInt64();
        var entryTicks = r.ReadInt64();
        var length = r.ReadInt32();
        var hash = r.ReadBytes(32);
        var bytes = r.ReadBytes(length);
        if (bytes.Length != length) throw new InvalidDataException($"truncated: {bytes.Length} of {length} payload bytes");
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(hash)) throw new InvalidDataException("checksum mismatch");
        if (!key.AsSpan().SequenceEqual(_key) || entrySize != size || entryTicks != ticks) return null;

        using var p = new BinaryReader(new MemoryStream(bytes));
        var samples = p.ReadInt64();
        var sourceRate = p.ReadInt32();
        var count = p.ReadInt32();
        var arrays = new Dictionary<string, (int[], float[])>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = p.ReadString();
            var shape = new int[p.ReadInt32()];
            for (var d = 0; d < shape.Length; d++) shape[d] = p.ReadInt32();
            var data = new float[p.ReadInt32()];
            var raw = p.ReadBytes(data.Length * sizeof(float));
            if (raw.Length != data.Length * sizeof(float)) throw new InvalidDataException($"array '{name}' truncated");
            Buffer.BlockCopy(raw, 0, data, 0, raw.Length);
            if (shape.Aggregate(1L, (a, b) => a * b) != data.Length) throw new InvalidDataException($"array '{name}' shape does not match its length");
            arrays[name] = (shape, data);
        }
        if (!arrays.ContainsKey(FeatureSet.Mel)) throw new InvalidDataException("no mel array");
        return new FeatureSet { Samples = samples, SourceSampleRate = sourceRate, Arrays = arrays };
    }

    private static (long Size, long Ticks) SourceStamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc.Ticks);
    }

    private static string SafeName(string id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var sb = new StringBuilder(id.Length);
        foreach (var c in id) sb.Append(invalid.Contains(c) || c == '%' ? $"%{(int)c:X2}" : c);
        return sb.ToString();
    }
}
