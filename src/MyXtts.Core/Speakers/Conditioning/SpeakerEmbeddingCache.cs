using System.Security.Cryptography;
using System.Text;
using MyXtts.Core.Data;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Speakers.Conditioning;

/// <summary>
/// On-disk cache of frozen speaker embeddings, one file per clip: <c>&lt;root&gt;/speaker-embeddings/&lt;key&gt;/&lt;aa&gt;/&lt;id&gt;.emb</c>,
/// where the key names the encoder type and its weights' hash, so other weights never see these entries. Each entry
/// records the clip's size and modification time (a changed clip is recomputed) and a SHA-256 of its values (a damaged
/// entry is recomputed); writes are atomic. Thread-safe for distinct ids.
/// </summary>
public sealed class SpeakerEmbeddingCache
{
    private static ReadOnlySpan<byte> Magic => "MXEMB001"u8;

    /// <param name="featureCacheDirectory">The dataset's feature cache folder.</param>
    /// <param name="encoderType">The speaker encoder plugin.</param>
    /// <param name="weightsSha256">Hex SHA-256 of its weights file.</param>
    public SpeakerEmbeddingCache(string featureCacheDirectory, string encoderType, string weightsSha256) =>
        Directory = Path.Combine(featureCacheDirectory, "speaker-embeddings", $"{encoderType}-{weightsSha256[..Math.Min(16, weightsSha256.Length)]}");

    /// <summary>This encoder's folder.</summary>
    public string Directory { get; }

    /// <summary>The entry path of <paramref name="id"/>.</summary>
    public string PathFor(string id)
    {
        var bucket = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..2];
        return Path.Combine(Directory, bucket, Convert.ToHexStringLower(Encoding.UTF8.GetBytes(id)) + ".emb");
    }

    /// <summary>The cached embedding of <paramref name="item"/>, or null when missing, stale or damaged.</summary>
    public float[]? TryRead(DatasetItem item)
    {
        var path = PathFor(item.Id);
        if (!File.Exists(path)) return null;
        try
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) return null;
            var (size, ticks) = Stamp(item.AudioPath);
            if (r.ReadInt64() != size || r.ReadInt64() != ticks) return null;
            var bytes = r.ReadBytes(r.ReadInt32() * sizeof(float));
            if (!r.ReadBytes(32).AsSpan().SequenceEqual(SHA256.HashData(bytes))) return null;
            var values = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="embedding"/> for <paramref name="item"/> atomically.</summary>
    public void Write(DatasetItem item, float[] embedding)
    {
        var (size, ticks) = Stamp(item.AudioPath);
        var bytes = new byte[embedding.Length * sizeof(float)];
        Buffer.BlockCopy(embedding, 0, bytes, 0, bytes.Length);
        AtomicFile.Write(PathFor(item.Id), stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(size);
            w.Write(ticks);
            w.Write(embedding.Length);
            w.Write(bytes);
            w.Write(SHA256.HashData(bytes));
        });
    }

    private static (long Size, long Ticks) Stamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc.Ticks);
    }
}
